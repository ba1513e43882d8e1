import type { FunctionCtx, Tensor } from '@ag/core';
import { AutogradFunction, Function as AgFunction, isGradEnabled, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

class MyExp extends AgFunction {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.gradInForward = isGradEnabled();
    const y = x.exp();
    ctx.saveForBackward(y);
    return y;
  }
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
    const [y] = ctx.savedTensors;
    return g.mul(y!);
  }
}

/** x * k for a number k: the number passes through and gets a null gradient. */
class ScaleBy extends AutogradFunction {
  static override forward(ctx: FunctionCtx, x: Tensor, k: number, w: Tensor): Tensor {
    ctx.k = k;
    ctx.needs = ctx.needsInputGrad;
    ctx.saveForBackward(x, w);
    return x.mul(w).mul(k);
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    const [x, w] = ctx.savedTensors;
    const k = ctx.k as number;
    return [
      ctx.needsInputGrad[0] === true ? g.mul(w!).mul(k) : null,
      null,
      ctx.needsInputGrad[2] === true ? g.mul(x!).mul(k) : null,
    ];
  }
}

/** Two outputs, the second (an argmax-like index) non-differentiable. */
class SortTwo extends AgFunction {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
    const doubled = x.mul(2);
    const flags = x.gt(0);
    ctx.markNonDifferentiable(flags);
    return [doubled, flags];
  }
  static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
    return g.mul(2);
  }
}

/** torch.autograd.Function subclasses, values by hand. */
export const autogradCustomCases = [
  {
    id: 'autograd-custom/exp-forward-backward-and-name',
    run: async (check) => {
      const x = tensor([0, 1], { requiresGrad: true });
      const y = MyExp.apply(x);
      check.equal(y.gradFn?.name, 'MyExpBackward', 'gradFn named after the class');
      check.equal(y.requiresGrad, true);
      y.sum().backward();
      await check.close(x.grad, [1, Math.E]);
    },
  },
  {
    id: 'autograd-custom/forward-runs-under-no-grad',
    run: async (check) => {
      const x = tensor([1], { requiresGrad: true });
      let seen: unknown = null;
      class Probe extends AgFunction {
        static override forward(ctx: FunctionCtx, t: Tensor): Tensor {
          seen = isGradEnabled();
          ctx.unused = true;
          return t.mul(1);
        }
        static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
          return g;
        }
      }
      const y = Probe.apply(x);
      check.equal(seen, false, 'grad mode inside forward');
      check.equal(y.gradFn?.name, 'ProbeBackward');
      await check.close(y, [1]);
    },
  },
  {
    id: 'autograd-custom/non-tensor-args-and-needs-input-grad',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const w = tensor([3, 4]);
      const y = ScaleBy.apply(x, 10, w);
      y.sum().backward();
      await check.close(x.grad, [30, 40]);
      check.equal(w.grad, null, 'w needs no grad');
    },
  },
  {
    id: 'autograd-custom/needs-input-grad-flags',
    run: async (check) => {
      const x = tensor([1], { requiresGrad: true });
      const w = tensor([2]);
      let flags: unknown = null;
      class Flags extends AgFunction {
        static override forward(ctx: FunctionCtx, a: Tensor, _k: number, b: Tensor): Tensor {
          flags = ctx.needsInputGrad;
          return a.mul(b);
        }
        static override backward(_ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
          return [g, null, null];
        }
      }
      Flags.apply(x, 1, w);
      check.equal(flags, [true, false, false]);
      await Promise.resolve();
    },
  },
  {
    id: 'autograd-custom/mark-non-differentiable',
    run: async (check) => {
      const x = tensor([1, -2], { requiresGrad: true });
      const [d, flags] = SortTwo.apply<Tensor[]>(x);
      check.equal(d!.gradFn?.name, 'SortTwoBackward');
      check.equal(flags!.requiresGrad, false, 'marked output does not require grad');
      d!.sum().backward();
      await check.close(x.grad, [2, 2]);
    },
  },
  {
    id: 'autograd-custom/double-backward-through-custom-backward',
    run: async (check) => {
      // backward written with public ops records a graph under createGraph: d2/dx2 exp = exp
      const x = tensor([0.5], { requiresGrad: true });
      MyExp.apply(x).sum().backward(undefined, { createGraph: true });
      const g = x.grad!;
      x.grad = null;
      g.sum().backward();
      await check.close(x.grad, [Math.exp(0.5)]);
    },
  },
  {
    id: 'autograd-custom/saved-tensor-modified-in-place-throws',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = MyExp.apply(x);
      const out = y.sum();
      y.mul_(2);
      check.throws(
        () => {
          out.backward();
        },
        /modified by an inplace operation/,
        'autograd',
      );
      check.equal(x.grad, null, 'x.grad unchanged');
      await Promise.resolve();
    },
  },
] as const satisfies readonly ScriptCase[];
