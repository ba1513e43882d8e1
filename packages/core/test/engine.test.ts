import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import {
  AutogradFunction,
  enableGrad,
  grad,
  registerBackend,
  setDefaultDevice,
  tensor,
  tidy,
  unregisterBackend,
} from '../src/index.js';
import type { FunctionCtx } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

const backend = fakeBackend('engine-test');
beforeAll(() => {
  registerBackend(backend);
  setDefaultDevice('engine-test');
});
afterAll(() => {
  unregisterBackend('engine-test');
});

const leaf = (v: number | number[]): Tensor => tensor(v, { requiresGrad: true });
const value = (t: Tensor | null): number[] => Array.from(t!.toTypedArraySync());

/** Storages freed while `f` runs. */
function freedDuring(f: () => void): number {
  const before = backend.freed;
  f();
  return backend.freed - before;
}

describe('the backward engine', () => {
  it('disposes the gradients it made once they are used, and no .grad', () => {
    const x = leaf(2);
    const y = x.mul(2).mul(3).mul(4);
    // Gradients flowing down: g*4 (into the second mul), then *3 (into the first), then *2 (x's).
    const freed = freedDuring(() => {
      y.backward();
    });
    expect(freed).toBe(2);
    expect(value(x.grad)).toEqual([24]);
    expect(x.grad!.isDisposed).toBe(false);
  });

  it('keeps a gradient that an identity rule passes on to two inputs until both used it', () => {
    const x = leaf(1);
    const w = leaf(3);
    // add passes its gradient unchanged to both sides; each side's mul then reads it.
    x.mul(w).add(x.mul(2)).mul(5).backward();
    expect(value(x.grad)).toEqual([25]);
    expect(value(w.grad)).toEqual([5]);
  });

  it('gives two leaves reached by the same gradient their own copy', () => {
    const x = leaf(1);
    const y = leaf(1);
    x.add(y).mul(3).backward();
    expect(value(x.grad)).toEqual([3]);
    expect(value(y.grad)).toEqual([3]);
    expect(x.grad!._store).not.toBe(y.grad!._store);
  });

  it('copies a gradient the caller or a hook owns before it becomes a .grad', () => {
    const x = leaf([1, 2]);
    const g = tensor([1, 1]);
    x.backward(g); // the caller's tensor reaches the leaf as is
    expect(value(x.grad)).toEqual([1, 1]);
    expect(x.grad!._store).not.toBe(g._store);
    const w = leaf(1);
    const mine = tensor(7);
    w.registerHook(() => mine);
    w.mul(2).backward();
    expect(value(w.grad)).toEqual([7]);
    expect(w.grad!._store).not.toBe(mine._store);
  });

  it('records the output number of an input that is a later output of its op', () => {
    class Two extends AutogradFunction {
      static override forward(_ctx: FunctionCtx, x: Tensor): Tensor[] {
        return [x.mul(2), x.mul(3)];
      }
      static override backward(_ctx: FunctionCtx, g0: Tensor, g1: Tensor): Tensor {
        return g0.mul(2).add(g1.mul(3));
      }
    }
    const x = leaf(1);
    const [, second] = Two.apply<Tensor[]>(x);
    const y = second!.mul(2);
    const [[node, nr]] = y.gradFn!.nextFunctions as [[unknown, number]];
    expect(node).toBe(second!.gradFn);
    expect(nr).toBe(1);
    y.backward();
    expect(value(x.grad)).toEqual([6]);
  });

  it('sums gradients reaching a node twice, and disposes the parts', () => {
    const x = leaf(2);
    const h = x.mul(3);
    h.mul(h).backward(); // d(9x^2)/dx = 18x
    expect(value(x.grad)).toEqual([36]);
  });

  it('leaves what a user can see alone: retained gradients, what hooks saw, grad() results', () => {
    const x = leaf(2);
    const h = x.mul(3);
    h.retainGrad();
    const seen: Tensor[] = [];
    const k = h.mul(5);
    k.registerHook((g) => {
      seen.push(g);
    });
    k.mul(7).backward();
    expect(value(h.grad)).toEqual([35]);
    expect(value(seen[0]!)).toEqual([7]);
    expect(value(x.grad)).toEqual([105]);

    const [gx] = grad(x.mul(4).mul(5), x);
    expect(value(gx!)).toEqual([20]);
  });

  it('runs with a retained graph twice, and records a graph with createGraph', () => {
    const x = leaf(3);
    const y = x.mul(x).mul(x);
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(value(x.grad)).toEqual([54]); // 2 * 3x^2
    x.grad = null;

    const z = x.mul(x).mul(x);
    z.backward(undefined, { createGraph: true });
    const g = x.grad!;
    expect(g.requiresGrad).toBe(true);
    x.grad = null;
    g.backward();
    expect(value(x.grad)).toEqual([18]); // 6x
  });

  it('lets a hook run a backward of its own, through a node the outer run is waiting on', () => {
    const x = leaf(2);
    const h = x.mul(3);
    const k = h.mul(5);
    const inner: number[] = [];
    k.registerHook((g) => {
      // A nested run through h's node, which the outer run reached but has not run yet. Hooks
      // run without grad mode (as in PyTorch), so the nested graph is recorded under enableGrad.
      const [gx] = grad(
        enableGrad(() => h.mul(10)),
        x,
        { retainGraph: true },
      );
      inner.push(...value(gx!));
      return g;
    });
    k.mul(h).backward(); // 5h^2: d/dx = 30h = 180
    expect(inner).toEqual([30]);
    expect(value(x.grad)).toEqual([180]);
  });

  it('frees nothing a custom Function is given or returns', () => {
    let given: Tensor | null = null;
    let kept: Tensor | null = null;
    class Keep extends AutogradFunction {
      static override forward(_ctx: FunctionCtx, x: Tensor): Tensor {
        return x.mul(1);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        given = g;
        kept = g.mul(2);
        return kept;
      }
    }
    const x = leaf(1);
    Keep.apply(x.mul(1)).mul(3).backward();
    expect(value(x.grad)).toEqual([6]);
    expect(given!.isDisposed).toBe(false);
    expect(value(given)).toEqual([3]);
    expect(kept!.isDisposed).toBe(false);
    expect(value(kept)).toEqual([6]);
  });

  it('keeps .grad through a tidy scope around backward', () => {
    const x = leaf([1, 2]);
    tidy(() => {
      x.mul(2).mul(x).sum().backward();
    });
    expect(value(x.grad)).toEqual([4, 8]);
  });

  it('leaves every .grad as it was when backward fails midway', () => {
    const x = leaf(2);
    const y = x.mul(x);
    y.backward(undefined, { retainGraph: true });
    const before = x.grad;
    const a = leaf(1);
    const z = y.mul(a);
    z.backward();
    expect(() => {
      z.backward();
    }).toThrow(/second time/);
    expect(x.grad).not.toBe(before); // the successful run accumulated
    expect(value(x.grad)).toEqual([8]);
  });
});
