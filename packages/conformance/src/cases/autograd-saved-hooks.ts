import type { FunctionCtx, Tensor } from '@ag/core';
import { autograd, Function as AgFunction, grad, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

const { savedTensorsHooks, saveOnCpu, disableSavedTensorsHooks } = autograd.graph;

/** Identity hooks that count their calls. */
function counting(): { pack: (t: Tensor) => Tensor; unpack: (t: Tensor) => Tensor; packs: number; unpacks: number } {
  const c = {
    packs: 0,
    unpacks: 0,
    pack: (t: Tensor) => {
      c.packs++;
      return t;
    },
    unpack: (t: Tensor) => {
      c.unpacks++;
      return t;
    },
  };
  return c;
}

/** x^3 whose backward reads x from what it saved: 3x^2 (a custom Function's saves go through the hooks too). */
class Cube extends AgFunction {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.saveForBackward(x);
    return x.mul(x).mul(x);
  }
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
    const [x] = ctx.savedTensors;
    return g.mul(x!).mul(x!).mul(3);
  }
}

/**
 * Saved-tensor hooks (torch.autograd.graph.saved_tensors_hooks, save_on_cpu,
 * disable_saved_tensors_hooks). Counts are those of PyTorch's saves for these ops: SinBackward0
 * saves self, ExpBackward0 its result, MulBackward0 both operands (both requiring grad).
 * Expected values are closed forms.
 */
export const autogradSavedHookCases = [
  {
    id: 'autograd-saved-hooks/pack-once-per-save-unpack-once-per-read',
    run: async (check) => {
      const x = tensor([0, 1], { requiresGrad: true });
      const h = counting();
      // sin saves x, exp saves its result, mul saves both operands: 4 packs, when recorded.
      const y = savedTensorsHooks(h.pack, h.unpack, () => x.sin().mul(x.exp()).sum());
      check.equal(h.packs, 4, 'packs in forward');
      check.equal(h.unpacks, 0, 'unpacks before backward');
      y.backward(undefined, { retainGraph: true });
      check.equal(h.unpacks, 4, 'unpacks after one backward');
      // d/dx sin(x) e^x = e^x (cos x + sin x): 1 at 0, e (cos 1 + sin 1) at 1; identity hooks change nothing.
      await check.close(x.grad, [1, 3.7560492270947274]);
      y.backward();
      check.equal(h.unpacks, 8, 'unpacks after a second backward');
      check.equal(h.packs, 4, 'no packs in backward');
      check.throws(
        () => {
          y.backward();
        },
        /^MulBackward0: trying to backward through the graph a second time/,
        'autograd',
      );
    },
  },
  {
    id: 'autograd-saved-hooks/no-packs-where-no-graph-is-recorded',
    run: async (check) => {
      const h = counting();
      const x = tensor([1, 2]);
      const y = savedTensorsHooks(h.pack, h.unpack, () => x.mul(x));
      check.equal(h.packs, 0, 'packs');
      await check.close(y, [1, 4]);
    },
  },
  {
    id: 'autograd-saved-hooks/a-hook-doubling-the-saved-tensor-changes-the-gradient',
    run: async (check) => {
      const double = (t: Tensor): Tensor => t.mul(2);
      const keep = (t: Tensor): Tensor => t;
      // x * x saves x twice; backward computes g*b + g*a with a = b = 2x: 4x instead of 2x.
      const x = tensor([1, 2, 3], { requiresGrad: true });
      savedTensorsHooks(double, keep, () => x.mul(x))
        .sum()
        .backward();
      await check.close(x.grad, [4, 8, 12], 'x * x');
      // sin saves x; its backward reads cos(saved) = cos(2x): the saved value, not a scaled gradient.
      const z = tensor([0, 0.5], { requiresGrad: true });
      savedTensorsHooks(double, keep, () => z.sin())
        .sum()
        .backward();
      await check.close(z.grad, [1, 0.5403023058681398], 'sin');
      // A custom Function's save: 3 * (2x)^2 = 12x^2.
      const w = tensor([1, 2], { requiresGrad: true });
      savedTensorsHooks(double, keep, () => Cube.apply(w))
        .sum()
        .backward();
      await check.close(w.grad, [12, 48], 'Function');
    },
  },
  {
    id: 'autograd-saved-hooks/pack-may-return-any-value',
    run: async (check) => {
      // The hooks keep saved tensors in a store of their own, and the graph only their keys.
      const store = new Map<string, Tensor>();
      const pack = (t: Tensor): string => {
        const key = `saved-${store.size}`;
        store.set(key, t.clone());
        return key;
      };
      const unpack = (key: string): Tensor => store.get(key)!;
      const x = tensor([0.5, 1, 2], { requiresGrad: true });
      const y = savedTensorsHooks(pack, unpack, () => x.exp().mul(x).sum());
      check.equal(store.size, 3, 'saved tensors in the store (exp result, both mul operands)');
      y.backward();
      await check.close(x.grad, [2.4730819060501923, 5.43656365691809, 22.16716829679195]); // e^x (1 + x)
    },
  },
  {
    id: 'autograd-saved-hooks/nested-scopes-the-innermost-packs',
    run: async (check) => {
      const outer = counting();
      const inner = counting();
      const x = tensor([1, 2], { requiresGrad: true });
      const y = savedTensorsHooks(outer.pack, outer.unpack, () => {
        const a = x.sin(); // outer: 1
        const b = savedTensorsHooks(inner.pack, inner.unpack, () => a.mul(x)); // inner: 2
        return b.exp(); // outer: 1 (the result)
      });
      check.equal(outer.packs, 2, 'outer packs');
      check.equal(inner.packs, 2, 'inner packs');
      y.sum().backward();
      check.equal(outer.unpacks, 2, 'outer unpacks');
      check.equal(inner.unpacks, 2, 'inner unpacks');
      // d/dx e^(x sin x) = e^(x sin x) (sin x + x cos x)
      const f = (v: number): number => Math.exp(v * Math.sin(v)) * (Math.sin(v) + v * Math.cos(v));
      await check.close(x.grad, [f(1), f(2)]);
    },
  },
  {
    id: 'autograd-saved-hooks/double-backward-through-unpacked-copies',
    run: async (check) => {
      // The hooks keep copies; the unpacked copy stands for x in the graph, so a second
      // derivative still reaches x: d2/dx2 of x^3 is 6x.
      const x = tensor([1, 2], { requiresGrad: true });
      const unpacks: number[] = [];
      const y = savedTensorsHooks(
        (t) => t.clone(),
        (t: Tensor) => {
          unpacks.push(1);
          return t;
        },
        () => x.mul(x).mul(x).sum(),
      );
      const [g] = grad(y, x, { createGraph: true });
      await check.close(g!, [3, 12], '3x^2');
      check.equal(unpacks.length, 4, 'unpacks: two saves per mul');
      g!.sum().backward();
      await check.close(x.grad, [6, 12], '6x');
    },
  },
  {
    id: 'autograd-saved-hooks/double-backward-treats-the-unpacked-tensor-as-the-saved-one',
    run: async (check) => {
      // Doubling x * x's saves gives 4x as the first derivative; the unpacked tensors stand for x
      // itself (PyTorch's SavedVariable keeps x's edge), so the derivative of 4x is 1 + 1 = 2.
      const x = tensor([1, 3], { requiresGrad: true });
      const y = savedTensorsHooks(
        (t) => t.mul(2),
        (t: Tensor) => t,
        () => x.mul(x).sum(),
      );
      const [g] = grad(y, x, { createGraph: true });
      await check.close(g!, [4, 12], 'first derivative');
      g!.sum().backward();
      await check.close(x.grad, [2, 2], 'second derivative');
    },
  },
  {
    id: 'autograd-saved-hooks/in-place-write-after-packing-is-not-detected',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      // Without hooks the version counter catches the write...
      const a0 = x.clone();
      const y0 = a0.sin();
      a0.mul_(0);
      check.throws(
        () => {
          y0.sum().backward();
        },
        /^SinBackward0: one of the variables needed for gradient computation has been modified by an inplace operation/,
        'autograd',
      );
      // ...with hooks it cannot see through them (as in PyTorch): the identity hooks hand back
      // the tensor as it is now, zeros, and backward reads cos(0) = 1.
      const a = x.clone();
      const y = savedTensorsHooks(
        (t) => t,
        (t: Tensor) => t,
        () => a.sin(),
      );
      a.mul_(0);
      y.sum().backward();
      await check.close(x.grad, [1, 1]);
    },
  },
  {
    id: 'autograd-saved-hooks/a-pack-hook-writing-its-input-in-place-throws',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const a = x.clone();
      check.throws(
        () =>
          savedTensorsHooks(
            (t) => t.add_(1),
            (t: Tensor) => t,
            () => a.sin(),
          ),
        /^SinBackward0: a saved tensor pack hook is modifying its input in place/,
        'autograd',
      );
      await check.close(x, [1, 2], 'x unchanged');
    },
  },
  {
    id: 'autograd-saved-hooks/unpack-must-return-a-tensor',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = savedTensorsHooks(
        (t) => t,
        () => 5 as unknown as Tensor,
        () => x.sin(),
      );
      check.throws(
        () => y.gradFn!.savedTensors,
        /^SinBackward0: output of saved tensor unpack hook expected to be a Tensor but got result of type number$/,
        'argument',
      );
      check.throws(
        () => {
          y.sum().backward();
        },
        /^SinBackward0: output of saved tensor unpack hook expected to be a Tensor but got result of type number$/,
        'argument',
      );
      await check.close(x, [1, 2], 'x unchanged');
    },
  },
  {
    id: 'autograd-saved-hooks/disable-throws-the-given-message',
    run: async (check) => {
      const h = counting();
      const x = tensor([1, 2], { requiresGrad: true });
      check.throws(
        () => disableSavedTensorsHooks('no saved-tensor hooks in this layer', () => saveOnCpu(() => x.sin())),
        /^no saved-tensor hooks in this layer$/,
        'autograd',
      );
      check.throws(
        () => disableSavedTensorsHooks('hooks are off here', () => savedTensorsHooks(h.pack, h.unpack, () => x.sin())),
        /^hooks are off here$/,
        'autograd',
      );
      // Disabling inside an active scope throws too.
      check.throws(
        () => savedTensorsHooks(h.pack, h.unpack, () => disableSavedTensorsHooks('already hooked', () => x.sin())),
        /^already hooked$/,
        'autograd',
      );
      // Ops inside a disabled scope record as usual, and hooks work again after it.
      const y = disableSavedTensorsHooks('unused', () => x.mul(x));
      savedTensorsHooks(h.pack, h.unpack, () => x.sin());
      check.equal(h.packs, 1, 'packs once enabled again');
      y.sum().backward();
      await check.close(x.grad, [2, 4]);
    },
  },
  {
    id: 'autograd-saved-hooks/save-on-cpu-gives-the-same-gradients',
    run: async (check) => {
      const x = tensor([0.5, 1, 2], { requiresGrad: true });
      let e!: Tensor;
      const y = saveOnCpu(
        () => {
          e = x.exp();
          return e.mul(x).sum();
        },
        { pinMemory: true },
      );
      // Reading the loss lets the copies to the host (from an asynchronously read device) finish.
      await check.close(y, 0.5 * 1.6487212707001282 + 2.718281828459045 + 2 * 7.38905609893065);
      const [saved] = e.gradFn!.savedTensors; // exp's result, back on its device
      check.equal(saved!.device, x.device, 'unpacked on the original device');
      await check.close(saved!, [1.6487212707001282, 2.718281828459045, 7.38905609893065]);
      y.backward();
      await check.close(x.grad, [2.4730819060501923, 5.43656365691809, 22.16716829679195]); // e^x (1 + x)
    },
  },
  {
    id: 'autograd-saved-hooks/save-on-cpu-before-the-copies-finish',
    run: async (check) => {
      // A backward right after the forward (no await between): same gradients.
      const x = tensor([0.5, 1, 2], { requiresGrad: true });
      const y = saveOnCpu(() => x.exp().mul(x).sum());
      y.backward();
      await check.close(x.grad, [2.4730819060501923, 5.43656365691809, 22.16716829679195]);
    },
  },
  {
    id: 'autograd-saved-hooks/hooks-and-scopes-must-be-synchronous',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      check.throws(
        () =>
          savedTensorsHooks(
            // eslint-disable-next-line @typescript-eslint/require-await -- the point: an async hook
            (async (t: Tensor) => t) as never,
            (t: Tensor) => t,
            () => x.sin(),
          ),
        /^savedTensorsHooks: packHook is async, but ops save and backward reads saved tensors synchronously/,
        'argument',
      );
      check.throws(
        // eslint-disable-next-line @typescript-eslint/require-await -- the point: an async scope
        () => saveOnCpu(async () => x.sin()),
        /^saveOnCpu: the function is async, but the mode it sets would end at its first `await`/,
        'argument',
      );
      check.throws(
        () =>
          savedTensorsHooks(
            1 as never,
            (t: Tensor) => t,
            () => x.sin(),
          ),
        /^graph\.savedTensorsHooks: argument 1 \('packHook'\) got number 1; it expects a function$/,
        'argument',
      );
      await check.close(x, [1, 2]);
    },
  },
] as const satisfies readonly ScriptCase[];
