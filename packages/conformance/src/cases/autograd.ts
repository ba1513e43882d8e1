import type { Tensor } from '@ag/core';
import { AccumulateGrad, noGrad, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, ScriptCase } from '../case.js';
import { TWIN_DEVICE } from '../case.js';

/** Autograd semantics, PyTorch's, each shown in a few steps with values by hand. */
export const autogradCases = [
  {
    id: 'autograd/grads-accumulate-across-backwards',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      x.mul(3).sum().backward();
      x.mul(3).sum().backward();
      await check.close(x.grad, [6, 6]);
    },
  },
  {
    id: 'autograd/retain-graph-allows-second-backward',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const out = x.pow(2).sum();
      out.backward(undefined, { retainGraph: true });
      out.backward();
      await check.close(x.grad, [4, 8]);
      check.throws(
        () => {
          out.backward();
        },
        /backward through the graph a second time/,
        'autograd',
      );
    },
  },
  {
    id: 'autograd/graph-without-saved-values-runs-twice',
    run: async (check) => {
      // As in PyTorch, only nodes that saved tensors refuse a second backward.
      const x = tensor([1, 2], { requiresGrad: true });
      const out = x.add(2).sum();
      out.backward();
      out.backward();
      await check.close(x.grad, [2, 2]);
    },
  },
  {
    id: 'autograd/failed-backward-changes-nothing',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const out = x.pow(2).sum();
      out.backward();
      check.throws(
        () => {
          out.backward();
        },
        /retainGraph: true/,
        'autograd',
      );
      await check.close(x.grad, [2, 4]);
    },
  },
  {
    id: 'autograd/non-leaf-grad-is-null-unless-retained',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = x.mul(2);
      const z = x.mul(3);
      z.retainGrad();
      y.add(z).pow(2).sum().backward();
      check.equal(y.grad, null, 'y.grad');
      await check.close(z.grad, [10, 20], 'z.grad');
      check.equal(z.retainsGrad, true, 'z.retainsGrad');
      await check.close(x.grad, [50, 100], 'x.grad');
    },
  },
  {
    id: 'autograd/diamond-graph',
    run: async (check) => {
      const x = tensor([1, -2, 3], { requiresGrad: true });
      x.mul(x).add(x).sum().backward();
      await check.close(x.grad, [3, -3, 7]);
    },
  },
  {
    id: 'autograd/next-functions-link-the-graph',
    run: (check) => {
      const a = ones([2, 2], { requiresGrad: true });
      const out = a.add(2).pow(2).sum();
      const sum = out.gradFn!;
      check.equal(sum.name, 'SumBackward0');
      const pow = sum.nextFunctions[0]![0]!;
      check.equal(pow.name, 'PowBackward0');
      check.equal(pow.nextFunctions.length, 1, 'PowBackward0 with a scalar exponent has one input');
      const add = pow.nextFunctions[0]![0]!;
      check.equal(add.name, 'AddBackward0');
      check.equal(add.nextFunctions[1], [null, 0], 'the scalar operand has no edge');
      const acc = add.nextFunctions[0]![0]!;
      check.equal(acc.name, 'AccumulateGrad');
      check.equal(acc instanceof AccumulateGrad && acc.variable === a, true, 'AccumulateGrad.variable is the leaf');
      check.equal(String(sum), '<SumBackward0 object>');
      return Promise.resolve();
    },
  },
  {
    id: 'autograd/no-grad-and-detach',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = noGrad(() => x.mul(2));
      check.equal(y.requiresGrad, false, 'noGrad result requiresGrad');
      check.equal(y.gradFn, null, 'noGrad result gradFn');
      const d = x.detach();
      check.equal(d.requiresGrad, false, 'detach requiresGrad');
      check.equal(d.isLeaf, true, 'detach isLeaf');
      await check.close(d, [1, 2]);
      const data = x.mul(2).data;
      check.equal(data.gradFn, null, '.data gradFn');
      await check.close(data, [2, 4]);
    },
  },
  {
    id: 'autograd/requires-grad-propagates',
    run: (check) => {
      const a = tensor([1, 2]);
      const b = tensor([3, 4], { requiresGrad: true });
      check.equal(a.mul(2).requiresGrad, false, 'no input requires grad');
      check.equal(a.mul(b).requiresGrad, true, 'one input requires grad');
      check.equal(a.mul(b).isLeaf, false, 'an op result is not a leaf');
      check.equal(b.isLeaf && a.isLeaf, true, 'created tensors are leaves');
      return Promise.resolve();
    },
  },
  {
    id: 'autograd/create-graph-double-backward',
    run: async (check) => {
      const x = tensor([2, 3], { requiresGrad: true });
      x.pow(3).sum().backward(undefined, { createGraph: true });
      const g = x.grad!; // 3x^2, itself differentiable
      await check.close(g, [12, 27]);
      check.equal(g.requiresGrad, true, 'grad made with createGraph requires grad');
      x.grad = null;
      g.sum().backward();
      await check.close(x.grad, [12, 18]); // 6x
    },
  },
  {
    id: 'autograd/vjp-with-broadcast-and-matmul',
    run: async (check) => {
      const w = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      );
      const b = tensor([0.5, -0.5], { requiresGrad: true });
      const x = tensor([
        [1, 0],
        [0, 1],
        [1, 1],
      ]);
      const y: Tensor = x.matmul(w).add(b);
      y.backward(
        tensor([
          [1, 0],
          [0, 1],
          [1, 1],
        ]),
      );
      // dL/dW = x^T g, dL/db = column sums of g
      await check.close(w.grad, [
        [2, 1],
        [1, 2],
      ]);
      await check.close(b.grad, [2, 2]);
    },
  },
] as const satisfies readonly ScriptCase[];

/** Autograd misuse: each names what was wrong and the fix. */
export const autogradErrors = [
  {
    id: 'error/requires-grad-on-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (a) => (a.requiresGrad = true),
    throws: /only tensors of floating point dtype can require gradients, got dtype int32/,
    kind: 'dtype',
  },
  {
    id: 'error/requires-grad-option-on-int',
    inputs: () => [],
    run: () => zeros([2], { dtype: 'int32', requiresGrad: true }),
    throws: /^zeros: only tensors of floating point dtype can require gradients, got dtype int32$/,
    kind: 'dtype',
  },
  {
    id: 'error/backward-non-scalar',
    inputs: () => [ones([3], { requiresGrad: true })],
    run: (x) => {
      x.mul(2).backward();
    },
    throws: /grad can be implicitly created only for scalar outputs/,
    kind: 'autograd',
  },
  {
    id: 'error/backward-gradient-shape',
    inputs: () => [ones([3], { requiresGrad: true })],
    run: (x) => {
      x.mul(2).backward(tensor([1, 1]));
    },
    throws: /backward: mismatch in shape: gradient has a shape of \[2\] and the output has a shape of \[3\]/,
    kind: 'shape',
  },
  {
    id: 'error/backward-without-grad',
    inputs: () => [ones([1])],
    run: (x) => {
      x.mul(2).backward();
    },
    throws: /does not require grad and does not have a grad_fn/,
    kind: 'autograd',
  },
  {
    id: 'error/grad-assigned-shape',
    inputs: () => [ones([2], { requiresGrad: true })],
    run: (x) => (x.grad = ones([3])),
    throws:
      /grad: assigned grad must match the tensor: expected shape \[2\], dtype float32, device '.+', got shape \[3\]/,
    kind: 'shape',
  },
  {
    id: 'error/grad-assigned-dtype',
    inputs: () => [ones([2], { requiresGrad: true })],
    run: (x) => (x.grad = ones([2], { dtype: 'int32' })),
    throws: /grad: assigned grad must match the tensor: .*got shape \[2\], dtype int32/,
    kind: 'dtype',
  },
  {
    id: 'error/backward-gradient-device',
    inputs: () => [ones([2], { requiresGrad: true })],
    run: (x) => {
      x.mul(2).backward(ones([2], { device: TWIN_DEVICE }));
    },
    throws: /backward: the gradient is on device 'twin' but the output is on '.+'/,
    kind: 'device',
  },
  {
    id: 'error/requires-grad-on-non-leaf',
    inputs: () => [ones([2], { requiresGrad: true })],
    run: (x) => (x.mul(2).requiresGrad = false),
    throws: /you can only change requiresGrad of leaf tensors; this one was made by MulBackward0/,
    kind: 'autograd',
  },
] as const satisfies readonly ErrorCase[];
