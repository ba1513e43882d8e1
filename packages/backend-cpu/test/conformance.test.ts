import { runConformance } from '@ag/conformance/vitest';
import options from './conformance-options.js';

runConformance(options);
