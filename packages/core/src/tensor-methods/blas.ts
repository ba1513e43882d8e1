import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { det, inv, slogdet } from '../linalg/solve.js';
import { matrixPower } from '../linalg/products.js';
import { installOps, type OpMethods } from './table.js';

/** PyTorch's BLAS and LAPACK ops: the products. */
const blas = {
  matmul: ops.matmul,
  mm: ops.mm,
  bmm: ops.bmm,
  mv: ops.mv,
  dot: ops.dot,
  outer: ops.outer,
  addmm: ops.addmm,
  addmv: ops.addmv,
  addr: ops.addr,
  addbmm: ops.addbmm,
  baddbmm: ops.baddbmm,
  cross: ops.cross,
  kron: ops.kron,
  det,
  slogdet,
  inverse: inv,
  matrixPower,
};

export type BlasMethods = OpMethods<typeof blas>;

export function installBlas(proto: Tensor): void {
  installOps(proto, blas);
}
