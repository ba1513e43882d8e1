import { runConformance } from '@ag/conformance/vitest';
import options from './conformance-options.js';
import { nodeBackend } from './gpu.js';

const backend = await nodeBackend();
if (backend !== null) runConformance({ ...options, setup: () => backend });
