/**
 * What every public entry point accepts, one line each, in the language of kinds.ts. The tables
 * are complete by construction: `satisfies Record<keyof typeof module, string>` makes a missing
 * op a compile error naming it, and test/argument-checks.test.ts names any exported function or
 * Tensor method that has no line. To add an op: its line here (parameter names as the op's),
 * its name in checks/public-ops.ts, and a method that is not `op(this, ...rest)` in METHODS.
 */
export { OPS } from './signatures/ops.js';
export { FUNCTIONAL, METHODS } from './signatures/functional.js';
export {
  LINALG,
  FFT,
  AUTOGRAD,
  FORWARD_AD,
  GRAPH,
  UTILS,
  SCOPES,
  MEMORY_HISTORY,
  SAFETENSORS,
  NODE_FILES,
} from './signatures/namespaces.js';
export { NN_UTILS, NN_UTILS_RNN, CLASSES } from './signatures/classes.js';
