import { runConformance } from '@ag/conformance/vitest';
import { cpu } from '../src/index.js';
import { setMatmulPath } from '../src/kernels/matmul-path.js';

// The suite again with float32 products in WebAssembly on the main thread only (conformance.test.ts
// runs the default, threads for large products). Each test file runs in its own worker, so the
// setting stays in this file.
runConformance({
  setup: () => {
    setMatmulPath('wasm');
    return cpu();
  },
});
