import type { AccumulateGrad, Tensor } from '@ag/core';
import { grad, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

// The AccumulateGrad node of a leaf: the one `x.mul(1)` sends x's gradient to.
const accumulateOf = (x: Tensor): AccumulateGrad => x.mul(1).gradFn!.nextFunctions[0]![0] as AccumulateGrad;

/**
 * Hooks on grad_fn nodes (node.registerHook / registerPrehook), as PyTorch's
 * grad_fn.register_hook / register_prehook; every value here is also what PyTorch gives.
 */
export const autogradNodeHookCases = [
  {
    id: 'autograd-node-hooks/post-hook-doubling-grad-inputs-doubles-the-leaf-gradient',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = x.mul(3).sum();
      y.gradFn!.registerHook((gradInputs) => gradInputs.map((g) => (g === null ? null : g.mul(2))));
      y.backward();
      await check.close(x.grad, [6, 6]); // 2 * d(3x)/dx
    },
  },
  {
    id: 'autograd-node-hooks/prehook-replaces-the-incoming-gradient',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = x.mul(x);
      y.gradFn!.registerPrehook((gradOutputs) => gradOutputs.map((g) => (g === null ? null : g.mul(10))));
      y.backward(tensor([1, 1]));
      await check.close(x.grad, [20, 40]); // 10 * 2x
    },
  },
  {
    id: 'autograd-node-hooks/order-tensor-hook-retain-grad-prehook-post-hook',
    run: async (check) => {
      const x = tensor([1], { requiresGrad: true });
      const h = x.mul(2);
      const y = h.mul(3);
      const order: string[] = [];
      h.retainGrad();
      h.registerHook((g) => {
        order.push('tensor hook');
        return g.mul(2); // 3 -> 6
      });
      h.gradFn!.registerPrehook(([g]) => {
        order.push('prehook');
        return [g!.mul(10)]; // 6 -> 60, after retainGrad
      });
      h.gradFn!.registerHook(() => {
        order.push('post hook');
      });
      y.backward(tensor([1]));
      check.equal(order.join(', '), 'tensor hook, prehook, post hook');
      await check.close(h.grad, [6]);
      await check.close(x.grad, [120]);
    },
  },
  {
    id: 'autograd-node-hooks/accumulate-grad-post-hook-sees-the-leaf-gradient',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const seen: [number, Tensor | null][] = [];
      accumulateOf(x).registerHook((gradInputs, gradOutputs) => {
        seen.push([gradInputs.length, gradOutputs[0] ?? null]);
      });
      x.mul(x).sum().backward();
      check.equal(seen.length, 1, 'calls');
      check.equal(seen[0]![0], 0, 'gradInputs of AccumulateGrad');
      await check.close(seen[0]![1], [2, 4], 'gradOutputs[0]'); // 2x
    },
  },
  {
    id: 'autograd-node-hooks/grad-runs-only-the-nodes-it-needs',
    run: async (check) => {
      const x = tensor([2], { requiresGrad: true });
      const h = x.mul(x);
      const y = h.mul(3);
      let accumulate = 0;
      let prehook = 0;
      accumulateOf(x).registerHook(() => {
        accumulate++;
      });
      h.gradFn!.registerPrehook(() => {
        prehook++;
      });
      const [gx] = grad(y, x, { retainGraph: true });
      const [gh] = grad(y, h, { retainGraph: true });
      await check.close(gx!, [12]); // 6x
      await check.close(gh!, [3]);
      check.equal(accumulate, 0, 'AccumulateGrad hooks in grad()');
      check.equal(prehook, 1, 'prehooks of a node beyond which nothing is asked');
      y.backward(undefined, { inputs: [x] });
      check.equal(accumulate, 1, 'AccumulateGrad hooks in backward({ inputs })');
    },
  },
  {
    id: 'autograd-node-hooks/wrong-number-of-gradients-throws',
    run: async (check) => {
      const x = tensor([1], { requiresGrad: true });
      const y = x.mul(2);
      y.gradFn!.registerHook((gradInputs) => [...gradInputs, null]);
      check.throws(
        () => {
          y.backward(tensor([1]));
        },
        /^MulBackward0\.registerHook: hook has returned an incorrect number of values \(got 3, but expected 2\) for gradInputs$/,
        'value',
      );
      check.equal(x.grad, null);
      await check.close(x, [1]);
    },
  },
  {
    id: 'autograd-node-hooks/saved-tensors',
    run: async (check) => {
      const a = tensor([1, 2], { requiresGrad: true });
      const c = a.add(2).pow(2);
      const saved = c.gradFn!.savedTensors; // PyTorch's _saved_self: a + 2
      check.equal(saved.length > 0, true, 'saved something');
      await check.close(saved[0]!, [3, 4]);
      c.sum().backward();
      check.throws(
        () => c.gradFn!.savedTensors,
        /^PowBackward0: trying to backward through the graph a second time/,
        'autograd',
      );
    },
  },
] as const satisfies readonly ScriptCase[];
