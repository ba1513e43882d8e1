import type { ConformanceOptions } from '@ag/conformance';
import { cpu } from '../src/index.js';

/** The CPU backend's conformance suite: conformance.test.ts runs it, and the portable bundle. */
const options: ConformanceOptions = { setup: () => cpu() };
export default options;
