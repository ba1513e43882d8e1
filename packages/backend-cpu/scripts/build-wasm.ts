import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ELEMENTWISE_GENERATED_PATH,
  GENERATED_PATH,
  compileElementwise,
  compileGemm,
  renderElementwise,
  renderGenerated,
} from './compile-wasm.ts';

// `pnpm --filter @ag/backend-cpu build:wasm`: gemm.wat -> gemm-wasm.ts, elementwise.wat -> elementwise-wasm.ts (committed, so tests and
// type checks run from src/ without a build step).
writeFileSync(GENERATED_PATH, renderGenerated(await compileGemm()));
console.log(`wrote ${fileURLToPath(GENERATED_PATH)}`);
writeFileSync(ELEMENTWISE_GENERATED_PATH, renderElementwise(await compileElementwise()));
console.log(`wrote ${fileURLToPath(ELEMENTWISE_GENERATED_PATH)}`);
