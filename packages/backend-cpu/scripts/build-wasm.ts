import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ELEMENTWISE_GENERATED_PATH,
  GENERATED_PATH,
  SOFTMAX_GENERATED_PATH,
  compileElementwise,
  compileGemm,
  compileSoftmax,
  renderElementwise,
  renderGenerated,
  renderSoftmax,
} from './compile-wasm.ts';

// `pnpm --filter @ag/backend-cpu build:wasm`: gemm.wat -> gemm-wasm.ts, elementwise.wat ->
// elementwise-wasm.ts and softmax.wat -> softmax-wasm.ts (committed, so tests and type checks run
// from src/ without a build step).
writeFileSync(GENERATED_PATH, renderGenerated(await compileGemm()));
console.log(`wrote ${fileURLToPath(GENERATED_PATH)}`);
writeFileSync(ELEMENTWISE_GENERATED_PATH, renderElementwise(await compileElementwise()));
console.log(`wrote ${fileURLToPath(ELEMENTWISE_GENERATED_PATH)}`);
writeFileSync(SOFTMAX_GENERATED_PATH, renderSoftmax(await compileSoftmax()));
console.log(`wrote ${fileURLToPath(SOFTMAX_GENERATED_PATH)}`);
