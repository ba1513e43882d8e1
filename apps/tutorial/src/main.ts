import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { runTutorial } from './tutorial.js';

registerBackend(cpu());
await runTutorial((text) => process.stdout.write(text));
