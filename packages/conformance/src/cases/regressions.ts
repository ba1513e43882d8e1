import { tensor, zeros } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * Bugs the random-graph fuzzer (src/fuzz) found, each as the smallest program that showed it.
 * Expected values by hand (sums, and the variance's derivative 2(x - mean)/(n - 1)).
 */
export const regressionScripts = [
  {
    // A reduction's result was a view of the kernel's output (its reduced dims dropped by a
    // reshape), so an in-place write to it was refused as a write to a view of a leaf (or, in a
    // composite op like var, of a view made under noGrad).
    id: 'regressions/reduction-results-take-in-place-writes',
    run: async (check) => {
      const x = tensor(
        [
          [1.5, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      );
      const s = x.sum(0).mul_(tensor([2, 3]));
      await check.close(s, [9, 18], 'x.sum(0).mul_([2, 3])');
      s.sum().backward();
      await check.close(x.grad, [
        [2, 3],
        [2, 3],
      ]);
      x.grad = null;
      const v = x.var(0).add_(1);
      await check.close(v, [2.125, 3], 'x.var(0).add_(1)');
      v.sum().backward();
      await check.close(x.grad, [
        [-1.5, -2],
        [1.5, 2],
      ]);
    },
  },
  {
    id: 'regressions/vector-matmul-result-takes-in-place-writes',
    run: async (check) => {
      const a = tensor([1.5, 2], { requiresGrad: true });
      const b = tensor([3, 4], { requiresGrad: true });
      const d = a.matmul(b).mul_(2);
      await check.close(d, 25, 'a.matmul(b).mul_(2)');
      d.backward();
      await check.close(a.grad, [6, 8]);
      await check.close(b.grad, [3, 4]);
    },
  },
  {
    // An empty tensor's contiguous strides are 0 before its empty dim, which the overlap check
    // took for an expanded view: an in-place op on it was refused.
    id: 'regressions/in-place-on-an-empty-tensor',
    run: async (check) => {
      const x = zeros([2, 0], { requiresGrad: true });
      const y = x.mul(2).add_(tensor([[1], [2]]));
      check.equal(y.shape, [2, 0], 'shape');
      y.sum().backward();
      await check.close(x.grad, [[], []]);
      check.equal(zeros([0, 3]).clamp_(-1, 1).shape, [0, 3], 'clamp_ of an empty tensor');
    },
  },
] as const satisfies readonly ScriptCase[];
