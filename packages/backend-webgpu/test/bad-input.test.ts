import { cpu } from '@ag/backend-cpu';
import { runBadInputs } from '@ag/conformance/vitest';
import { nodeBackend } from './gpu.js';

// The catalogue of bad inputs (@ag/conformance's bad-input/) on WebGPU, with the CPU as the host:
// each must fail with its error class and message, leave its tensors as they were, and leave
// the device computing.
const backend = await nodeBackend();

if (backend !== null) runBadInputs({ setup: () => backend, host: () => cpu() });
