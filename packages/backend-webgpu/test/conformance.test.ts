import { runConformance } from '@ag/conformance/vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach } from 'vitest';
import options from './conformance-options.js';
import { nodeBackend } from './gpu.js';

const backend = await nodeBackend();

// Cases drop their tensors without dispose, and small JS objects seldom wake the garbage
// collector, so thousands of buffers can wait for it. Lavapipe keeps the memory mappings of its
// high-water mark of allocations, and past about 65,000 mappings the process crashes: collecting
// after every case keeps that mark near 23,000 for the whole suite.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
afterEach(() => {
  collectGarbage();
});

if (backend !== null) runConformance({ ...options, setup: () => backend });
