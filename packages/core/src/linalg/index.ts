/** torch.linalg, as the `linalg` namespace of @ag/core (checks/public-linalg.ts checks the arguments). */
export { det, inv, slogdet, solve, type SlogdetResult, type SolveOptions } from './solve.js';
export {
  luFactor,
  luFactorEx,
  luSolve,
  solveTriangular,
  type LuFactorExResult,
  type LuFactorResult,
  type LuSolveOptions,
  type SolveTriangularOptions,
} from './lu.js';
