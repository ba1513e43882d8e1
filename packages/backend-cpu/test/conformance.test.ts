import { runConformance } from '@ag/conformance';
import { cpu } from '../src/index.js';

runConformance({ setup: () => cpu() });
