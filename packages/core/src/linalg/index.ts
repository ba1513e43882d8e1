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
export { cholesky, choleskyEx, type CholeskyExResult, type CholeskyOptions } from './cholesky.js';
export { qr, type QrMode, type QrResult } from './qr.js';
export { eigh, eigvalsh, type EighResult, type Uplo } from './eigh.js';
export { svd, svdvals, type SvdResult } from './svd.js';
export {
  lstsq,
  matrixRank,
  pinv,
  type LstsqDriver,
  type LstsqOptions,
  type LstsqResult,
  type ToleranceOptions,
} from './lstsq.js';
export { matrixNorm, norm, vectorNorm, type MatrixOrd } from './norms.js';
export { cross, matrixPower, multiDot } from './products.js';
