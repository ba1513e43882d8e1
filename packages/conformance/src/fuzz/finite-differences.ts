import { noGrad, tidy } from '@ag/core';
import type { FuzzGraph } from './graph.js';
import { runGraph, weightsTensor } from './evaluate.js';

/** A property's verdict on one graph: a mismatch message, or null; `skipped` says why it was not checked. */
export interface Verdict {
  readonly mismatch: string | null;
  readonly skipped?: string;
  /** Elements not checked because the function has a kink there (one-sided differences differ). */
  readonly kinks?: number;
}

/** Finite-difference settings: central differences of step `eps`, compared within atol + rtol·|fd|. */
export interface FiniteDifferenceTolerance {
  readonly eps: number;
  readonly atol: number;
  readonly rtol: number;
}

export const FD_TOLERANCE: FiniteDifferenceTolerance = { eps: 1e-6, atol: 1e-6, rtol: 1e-6 };

/** Values beyond this (from chains of products) make a graph too ill-conditioned to compare: skipped. */
export const LARGEST_VALUE = 1e6;

/**
 * Property 1: in float64 on `device`, the gradient of `(out * weights).sum()` with respect to every
 * leaf element matches central finite differences. Where it does not, an element whose forward and
 * backward differences disagree sits on a kink (a tie of amax, clamp at its bound) and is skipped.
 */
export function checkFiniteDifferences(graph: FuzzGraph, device = 'cpu', tol = FD_TOLERANCE): Verdict {
  const loss = (values?: ReadonlyMap<number, readonly number[]>): number =>
    noGrad(() =>
      tidy(() => {
        const { out } = runGraph(graph, device, 'float64', values);
        return out
          .mul(weightsTensor(graph, out, 'float64'))
          .sum()
          .itemSync();
      }),
    );
  const { grads, f0, largest } = tidy(() => {
    const run = runGraph(graph, device, 'float64');
    const l = run.out.mul(weightsTensor(graph, run.out, 'float64')).sum();
    l.backward();
    const values = Array.from(run.out.toTypedArraySync());
    return {
      grads: run.leaves.map((leaf) => (leaf.grad === null ? null : Array.from(leaf.grad.toTypedArraySync()))),
      f0: l.itemSync(),
      largest: values.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
    };
  });
  if (!Number.isFinite(f0) || largest > LARGEST_VALUE) return { mismatch: null, skipped: 'overflow' };
  let kinks = 0;
  let leafNumber = -1;
  for (const [position, node] of graph.nodes.entries()) {
    if (node.kind !== 'leaf') continue;
    leafNumber++;
    const g = grads[leafNumber];
    for (let j = 0; j < node.values.length; j++) {
      const moved = (by: number) => {
        const values = [...node.values];
        values[j]! += by;
        return loss(new Map([[position, values]]));
      };
      const fp = moved(tol.eps);
      const fm = moved(-tol.eps);
      const fd = (fp - fm) / (2 * tol.eps);
      const analytic = g?.[j] ?? 0;
      if (Math.abs(analytic - fd) <= tol.atol + tol.rtol * Math.abs(fd)) continue;
      // A kink: the one-sided slopes differ by far more than eps·f'' would make them.
      if (Math.abs((fp - f0) / tol.eps - (f0 - fm) / tol.eps) > 1e-3 * (1 + Math.abs(fd))) {
        kinks++;
        continue;
      }
      return { mismatch: `gradient of t${position}, element ${j}: autograd ${analytic}, finite differences ${fd}` };
    }
  }
  return { mismatch: null, kinks };
}
