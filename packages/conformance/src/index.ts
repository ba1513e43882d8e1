/**
 * @ag/conformance: the suite every ag backend runs. Cases are data (cases/); `runCase` checks one
 * against a backend and `conformanceTests` lists the whole suite as named tests, with no test
 * runner needed. `@ag/conformance/vitest` registers them as vitest tests (`runConformance`),
 * which is what each backend package calls from a tiny test file.
 */
export {
  runCase,
  conformanceTests,
  useBackend,
  ConformanceError,
  type CaseEnv,
  type ConformanceOptions,
  type ConformanceSuite,
  type ConformanceTest,
} from './run.js';
export {
  kernelCoverage,
  reachableKernelUses,
  recordingBackend,
  type KernelUse,
  type RecordingBackend,
} from './coverage.js';
export { allCases, type CaseId } from './cases/index.js';
export { HOST_DEVICE, TWIN_DEVICE } from './case.js';
export { seedCells, show, type SeedCell, type SeedScope } from './seed.js';
export type { Case, Check, ErrorCase, InputSpec, OpCase, ScriptCase } from './case.js';
export { DEFAULT_TOLERANCE, type Tolerance } from './tolerance.js';
export { badInputs } from './bad-input/index.js';
export { badInputTests, runBadInput, type BadInputOptions } from './bad-input/run.js';
export { bad, type BadInput, type ErrorClass, type Scene } from './bad-input/entry.js';
