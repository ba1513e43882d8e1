/**
 * `@ag/conformance/fuzz`: random op graphs (fast-check) for property tests across backends: their
 * builder, evaluator and printer, the two properties (gradients against finite differences; one
 * backend against another) and a driver that counts mismatches and shrinks failing graphs.
 */
export { buildGraph, OPS, type GraphPlan } from './build.js';
export { runGraph, weightsTensor, type Run } from './evaluate.js';
export type { FuzzDType, FuzzGraph, GraphNode } from './graph.js';
export { graphCode } from './print.js';
export { checkFiniteDifferences, FD_TOLERANCE, LARGEST_VALUE, type Verdict } from './finite-differences.js';
export { BACKEND_TOLERANCE, compareBackends } from './backends.js';
export { formatSummary, fuzzGraphs, planArbitrary, type FuzzOptions, type FuzzSummary } from './run-fuzz.js';
