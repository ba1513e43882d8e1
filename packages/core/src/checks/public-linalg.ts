import * as raw from '../linalg/index.js';
import { checkedAll } from './checked.js';
import { LINALG } from './signatures.js';

/**
 * torch.linalg as @ag/core exports it (`linalg.det`): linalg/index.ts's functions, each behind
 * the check of its line in signatures.ts (errors name them `linalg.det`).
 */
export type * from '../linalg/index.js';

const fns = checkedAll(raw, LINALG, 'linalg.');

export const {
  det,
  slogdet,
  inv,
  solve,
  luFactor,
  luFactorEx,
  luSolve,
  solveTriangular,
  cholesky,
  choleskyEx,
  qr,
  eigh,
  eigvalsh,
  svd,
  svdvals,
  pinv,
  matrixRank,
  lstsq,
  vectorNorm,
  matrixNorm,
  norm,
  matrixPower,
  multiDot,
  cross,
} = fns;
