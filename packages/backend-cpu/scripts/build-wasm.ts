import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  GENERATED_PATH,
  SOFTMAX_GENERATED_PATH,
  compileGemm,
  compileSoftmax,
  renderGenerated,
  renderSoftmax,
} from './compile-wasm.ts';

// `pnpm --filter @ag/backend-cpu build:wasm`: gemm.wat -> gemm-wasm.ts and softmax.wat ->
// softmax-wasm.ts (committed, so tests and type checks run from src/ without a build step).
writeFileSync(GENERATED_PATH, renderGenerated(await compileGemm()));
console.log(`wrote ${fileURLToPath(GENERATED_PATH)}`);
writeFileSync(SOFTMAX_GENERATED_PATH, renderSoftmax(await compileSoftmax()));
console.log(`wrote ${fileURLToPath(SOFTMAX_GENERATED_PATH)}`);
