/**
 * @ag/conformance: the suite every ag backend runs. Cases are data (cases/), checked by one
 * harness (`runConformance`) that each backend package calls from a tiny test file.
 */
export { runConformance, type ConformanceOptions } from './harness.js';
export { allCases, TWIN_DEVICE, type CaseId } from './cases/index.js';
export { seedCells, show, type SeedCell, type SeedScope } from './seed.js';
export type { Check, ErrorCase, InputSpec, OpCase, ScriptCase } from './case.js';
export { DEFAULT_TOLERANCE, type Tolerance } from './tolerance.js';
