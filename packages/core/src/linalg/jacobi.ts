import type { Tensor } from '../tensor.js';
import { fromHost } from '../ops/dispatch.js';
import { abs, add, div, eq, ge, lt, logicalAnd, logicalOr, mul, neg, sqrt, sub, where } from '../ops/elementwise.js';
import { gatherOp, selectAlong } from '../ops/indexing.js';
import { cat } from '../ops/join.js';
import { matmul } from '../ops/matmul.js';
import { argmax } from '../ops/reduce-extra.js';
import { sum } from '../ops/reduce.js';
import { narrow } from '../ops/slicing.js';
import { to } from '../ops/convert.js';
import { expand, reshape, unsqueeze } from '../ops/view.js';
import { constant, iterate, mT } from './util.js';

/**
 * Jacobi rotations, the engine of eigh (two-sided, on A) and svd (one-sided, on A's columns).
 * A sweep visits every pair (p, q) once, in n - 1 rounds of disjoint pairs (the round-robin
 * tournament order), so one round is one batch of plane rotations, applied with matmuls by a
 * matrix J built on the device from the rotations' cosines and sines. The number of sweeps is
 * fixed by the size (Jacobi converges quadratically: a handful of sweeps reach rounding
 * level), so nothing is read back to decide when to stop.
 */

/** Sweeps for an n x n problem: quadratic convergence once the rotations are small. */
export const sweepsFor = (n: number): number => (n <= 2 ? 1 : Math.min(20, 6 + Math.ceil(Math.log2(n))));

interface Round {
  /** Flat indices of (p, p), then (q, q), then (p, q) for the round's K pairs. */
  readonly pick: number[];
  /** For each entry of J (flat): its index in [c (K), s (K), -s (K), 1, 0]. */
  readonly build: number[];
  readonly pairs: number;
}

const plans = new Map<number, Round[]>();

/** The rounds of a sweep for size n (cached): the round-robin pairing, the dummy player dropped when n is odd. */
function roundsFor(n: number): Round[] {
  const known = plans.get(n);
  if (known !== undefined) return known;
  const N = n + (n % 2);
  const players = Array.from({ length: N }, (_, i) => i);
  const rounds: Round[] = [];
  for (let r = 0; r < N - 1; r++) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < N / 2; i++) {
      const a = players[i]!;
      const b = players[N - 1 - i]!;
      if (a < n && b < n) pairs.push(a < b ? [a, b] : [b, a]);
    }
    const K = pairs.length;
    const build = Array.from({ length: n * n }, (_, f) => (f % (n + 1) === 0 ? 3 * K : 3 * K + 1));
    pairs.forEach(([p, q], k) => {
      build[p * n + p] = k;
      build[q * n + q] = k;
      build[p * n + q] = K + k;
      build[q * n + p] = 2 * K + k;
    });
    if (K > 0)
      rounds.push({
        pick: [
          ...pairs.map(([p]) => p * n + p),
          ...pairs.map(([, q]) => q * n + q),
          ...pairs.map(([p, q]) => p * n + q),
        ],
        build,
        pairs: K,
      });
    players.splice(1, 0, players.pop()!);
  }
  plans.set(n, rounds);
  return rounds;
}

/**
 * The rotation J of one round, from the symmetric matrix G whose (p, q) entries it zeroes in
 * J^T G J: per pair t = sign(th) / (|th| + sqrt(th^2 + 1)), th = (g_qq - g_pp) / (2 g_pq)
 * (Golub and Van Loan's symmetric Schur step, the smaller angle), c = 1 / sqrt(1 + t^2), s = t c.
 */
function rotation(G: Tensor, round: Round): Tensor {
  const n = G.shape[G.ndim - 1]!;
  const K = round.pairs;
  const flat = reshape(G, [...G.shape.slice(0, -2), n * n]);
  const picked = selectAlong(flat, flat.ndim - 1, fromHost(G.backend, round.pick, [3 * K], 'int32'));
  const gpp = narrow(picked, -1, 0, K);
  const gqq = narrow(picked, -1, K, K);
  const gpq = narrow(picked, -1, 2 * K, K);
  const zero = eq(gpq, 0);
  const th = div(sub(gqq, gpp), mul(where(zero, 1, gpq), 2));
  const t = where(zero, 0, div(where(ge(th, 0), 1, -1), add(abs(th), sqrt(add(mul(th, th), 1)))));
  const c = div(1, sqrt(add(mul(t, t), 1)));
  const s = mul(t, c);
  const tail = expand(fromHost(G.backend, [1, 0], [2], G.dtype), [...c.shape.slice(0, -1), 2]);
  const ext = cat([c, s, neg(s), tail], -1);
  return reshape(selectAlong(ext, ext.ndim - 1, fromHost(G.backend, round.build, [n * n], 'int32')), G.shape);
}

/** Every round of every sweep, as `step(state, round)`, each round's temporaries freed as it goes. */
function sweeps(n: number, state: Tensor[], step: (state: Tensor[], round: Round) => Tensor[]): Tensor[] {
  const rounds = roundsFor(n);
  return iterate(state, sweepsFor(n) * rounds.length, (s, i) => step(s, rounds[i % rounds.length]!));
}

/** Two-sided Jacobi on symmetric A: returns the (unsorted) eigenvalues and eigenvectors V (A = V diag(w) V^T). */
export function jacobiEigen(A: Tensor): [Tensor, Tensor] {
  const n = A.shape[A.ndim - 1]!;
  const I = constant(n, n, A, (i, j) => (i === j ? 1 : 0));
  const [D, V] = sweeps(n, [A, I], ([D, V], round) => {
    const J = rotation(D!, round);
    return [matmul(mT(J), matmul(D!, J)), matmul(V!, J)];
  });
  return [sum(mul(D!, I), -1), V!];
}

/** One-sided Jacobi on the columns of A [m, n]: returns A V (orthogonal columns) and V. */
export function jacobiColumns(A: Tensor): [Tensor, Tensor] {
  const n = A.shape[A.ndim - 1]!;
  const [AV, V] = sweeps(n, [A, constant(n, n, A, (i, j) => (i === j ? 1 : 0))], ([AV, V], round) => {
    const J = rotation(matmul(mT(AV!), AV!), round);
    return [matmul(AV!, J), matmul(V!, J)];
  });
  return [AV!, V!];
}

/**
 * The permutation matrix that sorts `w` [..., n] (ascending, or descending), ties in index
 * order: P[i, r] = 1 where w_i has rank r, so `w P` and `V P` are sorted (exact: one 1 per column).
 */
export function sortingMatrix(w: Tensor, descending: boolean): Tensor {
  const n = w.shape[w.ndim - 1]!;
  const key = descending ? neg(w) : w;
  const wi = unsqueeze(key, -1);
  const wj = unsqueeze(key, -2);
  const earlier = constant(n, n, w, (i, j) => (j < i ? 1 : 0));
  const before = logicalOr(lt(wj, wi), logicalAnd(eq(wj, wi), to(earlier, 'bool')));
  const rank = sum(to(before, 'int32'), -1);
  const r = fromHost(
    w.backend,
    Array.from({ length: n }, (_, i) => i),
    [n],
    'int32',
  );
  return to(eq(unsqueeze(rank, -1), r), w.dtype);
}

/** V with each column's sign set so that its entry of largest magnitude is positive (a fixed choice). */
export function signFix(V: Tensor): Tensor {
  const top = gatherOp(V, V.ndim - 2, argmax(abs(V), -2, true));
  return mul(V, where(ge(top, 0), 1, -1));
}
