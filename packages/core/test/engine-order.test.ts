import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node, Tensor } from '../src/index.js';
import { autograd, grad, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

// The engine queues nodes as it reaches them, newest first, without counting dependencies first
// (autograd/engine.ts): each node must still run once, after every consumer the run reaches.
// Checked on random graphs against a float64 forward-mode derivative.

beforeAll(() => {
  registerBackend(fakeBackend('engine-order-test'));
  setDefaultDevice('engine-order-test');
});
afterAll(() => {
  unregisterBackend('engine-order-test');
});

/** A small deterministic generator (a linear congruential one), so that failures repeat. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/**
 * A random graph: each value is a product or a sum of two earlier values (or of one and a
 * constant), so values are reached through paths of many lengths. Returns the tensors and,
 * for each, its float64 value and derivative with respect to the leaf (dual numbers).
 */
function randomGraph(seed: number, size: number, x0: number): { ts: Tensor[]; duals: [number, number][]; x: Tensor } {
  const r = random(seed);
  const x = tensor(x0, { requiresGrad: true });
  const ts: Tensor[] = [x];
  const duals: [number, number][] = [[x0, 1]];
  for (let i = 1; i < size; i++) {
    const a = Math.floor(r() * i);
    const b = Math.floor(r() * i);
    const [va, da] = duals[a]!;
    const [vb, db] = duals[b]!;
    const kind = Math.floor(r() * 4);
    if (kind === 0) {
      ts.push(ts[a]!.mul(ts[b]!));
      duals.push([va * vb, da * vb + va * db]);
    } else if (kind === 1) {
      ts.push(ts[a]!.add(ts[b]!));
      duals.push([va + vb, da + db]);
    } else if (kind === 2) {
      ts.push(ts[a]!.mul(0.5));
      duals.push([va * 0.5, da * 0.5]);
    } else {
      ts.push(ts[a]!.sub(0.25));
      duals.push([va - 0.25, da]);
    }
  }
  return { ts, duals, x };
}

const value = (t: Tensor): number => t.toTypedArraySync()[0]!;
const close = (got: number, want: number): void => {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(want)));
};

describe('the order nodes run in', () => {
  it.each([1, 2, 3, 4, 5, 6])('random graph %i: the gradient of the float64 forward-mode derivative', (seed) => {
    const { ts, duals, x } = randomGraph(seed, 40, 0.75);
    ts.at(-1)!.backward();
    close(value(x.grad!), duals.at(-1)![1]);
  });

  it('several roots sharing the graph: one run gives the sum of their gradients', () => {
    const { ts, duals, x } = randomGraph(7, 30, 0.6);
    // Two roots, one of them reachable from the other (ts[20] feeds later values, maybe ts[29]).
    autograd.backward([ts[29]!, ts[20]!]);
    close(value(x.grad!), duals[29]![1] + duals[20]![1]);
  });

  it('backward and grad() (which counts dependencies first) agree', () => {
    const { ts, x } = randomGraph(8, 40, 0.9);
    const y = ts.at(-1)!;
    const [g] = grad([y], [x], { retainGraph: true });
    y.backward();
    expect(value(x.grad!)).toBe(value(g!));
  });

  it('a node that cannot run fails the run before it is released, and no .grad changes', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(1);
    const w = tensor([3, 4]);
    const yw = y.mul(w); // saves w
    const z = yw.mul(2);
    w.add_(1);
    expect(() => {
      z.sum().backward();
    }).toThrow(/^MulBackward0: one of the variables needed for gradient computation has been modified/);
    expect(x.grad).toBe(null);
    // Not released: it still reports the write, not a freed graph.
    expect(() => yw.gradFn!.savedTensors).toThrow(/modified by an inplace operation/);
  });

  it('runs each node once, after every node that consumes it', () => {
    const { ts } = randomGraph(9, 30, 0.8);
    const runs: Node[] = [];
    const nodes = new Set<Node>();
    for (const t of ts) if (t.gradFn !== null) nodes.add(t.gradFn);
    for (const node of nodes) {
      node.registerPrehook(() => {
        runs.push(node);
      });
    }
    ts.at(-1)!.backward();
    expect(new Set(runs).size).toBe(runs.length);
    runs.forEach((node, i) => {
      // Every input node that runs, runs later.
      for (const next of node.nextFunctions.map(([n]) => n)) {
        const j = runs.indexOf(next as Node);
        if (j >= 0) expect(j).toBeGreaterThan(i);
      }
    });
  });
});
