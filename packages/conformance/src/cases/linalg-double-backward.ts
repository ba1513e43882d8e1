import { cdist, linalg, tensor } from '@ag/core';
import type { Tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';
import { secondOrder } from './double-backward.js';

/**
 * Double backward through linalg: the gradients are written with differentiable ops (solve,
 * solveTriangular, matmul, ...), so the gradient of a gradient matches central differences of
 * the first gradient (double-backward.ts). Inputs are well-conditioned matrices with distinct
 * eigen- and singular values; the symmetric ops get a symmetric function of the input.
 */
const m = (x: Tensor, r: number, c: number) => x.reshape(r, c);
const sym = (a: Tensor) => a.add(a.mT);
const X4 = [2, 0.5, -0.3, 1.5];
const X6 = [1.2, -0.4, 0.3, 0.5, 2, -0.7];
const X9 = [2, 0.4, -0.3, 0.1, 1.5, 0.6, -0.2, 0.3, 1.1];

const second: readonly [string, (x: Tensor) => Tensor, readonly number[]][] = [
  ['det', (x) => linalg.det(m(x, 3, 3)), X9],
  ['slogdet', (x) => linalg.slogdet(m(x, 3, 3)).logabsdet, X9],
  ['inv', (x) => linalg.inv(m(x, 2, 2)), X4],
  ['solve', (x) => linalg.solve(m(x, 3, 3), m(x, 3, 3).sum(0)), X9],
  [
    'luFactor-luSolve',
    (x) => {
      const { LU, pivots } = linalg.luFactor(m(x, 3, 3));
      return linalg.luSolve(LU, pivots, m(x, 3, 3).exp());
    },
    X9,
  ],
  ['solveTriangular', (x) => linalg.solveTriangular(m(x, 3, 3), m(x, 3, 3).sin(), { upper: true }), X9],
  [
    'cholesky',
    (x) => {
      const a = m(x, 2, 2);
      return linalg.cholesky(
        a.matmul(a.mT).add(
          tensor(
            [
              [1, 0],
              [0, 1],
            ],
            { dtype: x.dtype },
          ),
        ),
      );
    },
    X4,
  ],
  [
    'qr',
    (x) => {
      const { Q, R } = linalg.qr(m(x, 3, 2));
      return Q.mul(R.sum());
    },
    X6,
  ],
  [
    'eigh',
    (x) => {
      const { eigenvalues, eigenvectors } = linalg.eigh(sym(m(x, 3, 3)));
      return eigenvectors.pow(2).mul(eigenvalues.unsqueeze(0)).add(eigenvalues.pow(3));
    },
    X9,
  ],
  [
    'svd',
    (x) => {
      const { U, S, Vh } = linalg.svd(m(x, 2, 3), false);
      return U.pow(2).sum(0).mul(S.pow(3)).add(Vh.pow(2).sum(0).sum());
    },
    X6,
  ],
  ['pinv', (x) => linalg.pinv(m(x, 2, 3)), X6],
  ['lstsq', (x) => linalg.lstsq(m(x, 3, 2), m(x, 3, 2).cos()).solution, X6],
  ['matrixNorm-nuc', (x) => linalg.matrixNorm(m(x, 2, 3), 'nuc').pow(2), X6],
  ['matrixPower', (x) => linalg.matrixPower(m(x, 2, 2), -2), X4],
  ['cross-cdist', (x) => linalg.cross(m(x, 3, 3), m(x, 3, 3).exp()).add(cdist(m(x, 3, 3), m(x, 3, 3).cos())), X9],
];

export const linalgDoubleBackwardScripts: readonly (ScriptCase & { id: `double-backward/linalg.${string}` })[] =
  second.map(([name, f, x0]) => ({
    id: `double-backward/linalg.${name}` as const,
    run: async (check) => {
      check.equal(await secondOrder(f, x0), null, `second-order gradient of ${name}`);
    },
  }));
