// ag's packages through `import`, as an ESM project loads them.
import * as core from '@ag/core';
import * as node from '@ag/core/node';
import * as cpu from '@ag/backend-cpu';
import * as conformance from '@ag/conformance';
import * as gpu from '@ag/backend-webgpu';
import runSeed from './run-seed.cjs';

await runSeed({ core, cpu, conformance, node, gpu }, 'import');
