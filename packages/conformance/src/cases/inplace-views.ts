import { getBackend, grad, noGrad, tensor, zeros } from '@ag/core';
import type { Tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * In-place ops on views of tensors in the graph, as PyTorch's CopySlices: the base's history is
 * rewritten, every view reads its node afresh from the base (AsStridedBackward0), and the
 * gradients are those of the out-of-place program. Expected values are closed forms worked out
 * in the comments; grad_fn names as PyTorch prints them.
 */

const leaf = (v: number[] | number[][]): Tensor => tensor(v, { requiresGrad: true });

export const inplaceViewCases = [
  {
    id: 'inplace-views/narrow-mul-rewrites-the-base',
    run: async (check) => {
      const x = leaf([1, 2, 3, 4]);
      const b = x.mul(2);
      const v = b.narrow(0, 1, 2);
      v.mul_(10);
      await check.close(b, [2, 40, 60, 8]);
      check.equal(b.gradFn?.name, 'CopySlices', "the base's grad_fn");
      check.equal(b.gradFn?.nextFunctions.length, 2, 'edges: the base before, the scalar');
      check.equal(b.gradFn?.nextFunctions[0]?.[0]?.name, 'MulBackward0', 'edge 0: the base before the write');
      check.equal(v.gradFn?.name, 'AsStridedBackward0', "the view's grad_fn, read from the base");
      check.equal(v.gradFn?.nextFunctions[0]?.[0], b.gradFn, 'the view reads the base');
      // b = [2 x0, 20 x1, 20 x2, 2 x3]; d/dx sum(b^2) = [8 x0, 800 x1, 800 x2, 8 x3]
      b.pow(2).sum().backward();
      await check.close(x.grad, [8, 1600, 2400, 32]);
    },
  },
  {
    id: 'inplace-views/select-copy-into-a-buffer',
    run: async (check) => {
      // An RNN's hidden states written column by column into a buffer that needs no grad.
      const x = leaf([1, 2]);
      const h = zeros([2, 3]);
      for (let t = 0; t < 3; t++) h.select(1, t).copy_(x.mul(t + 1));
      check.equal(h.gradFn?.name, 'CopySlices');
      check.equal(h.isLeaf, false, 'the buffer joined the graph');
      check.equal(h.requiresGrad, true);
      await check.close(h, [
        [1, 2, 3],
        [2, 4, 6],
      ]);
      // sum(h * w) with w = [[1, 2, 3], [4, 5, 6]]: d/dx_i = sum_t (t + 1) w[i, t] = [14, 32]
      h.mul(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      )
        .sum()
        .backward();
      await check.close(x.grad, [14, 32]);
    },
  },
  {
    id: 'inplace-views/fill-a-column-through-get',
    run: async (check) => {
      const x = leaf([
        [1, 2],
        [3, 4],
      ]);
      const b = x.mul(3);
      b.get(':, 0').fill_(0);
      await check.close(b, [
        [0, 6],
        [0, 12],
      ]);
      check.equal(b.gradFn?.name, 'CopySlices');
      b.sum().backward();
      // The filled column no longer depends on x: zeros there, 3 elsewhere.
      await check.close(x.grad, [
        [0, 3],
        [0, 3],
      ]);
    },
  },
  {
    id: 'inplace-views/strided-view-of-a-transpose',
    run: async (check) => {
      const x = leaf([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const w = leaf([10, 20]);
      const b = x.mul(1);
      b.t().select(0, 1).mul_(w); // column 1 of b, through a transposed view
      await check.close(b, [
        [1, 20, 3],
        [4, 100, 6],
      ]);
      // sum(b^2): d/dx = 2 b * (w in column 1, 1 elsewhere); d/dw_i = 2 b[i, 1] x[i, 1]
      b.pow(2).sum().backward();
      await check.close(x.grad, [
        [2, 400, 6],
        [8, 4000, 12],
      ]);
      await check.close(w.grad, [80, 1000]);
    },
  },
  {
    id: 'inplace-views/other-views-read-the-new-history',
    run: async (check) => {
      const x = leaf([1, 2, 3, 4]);
      const b = x.mul(1);
      const first = b.narrow(0, 0, 2);
      const last = b.narrow(0, 2, 2);
      check.equal(last.gradFn?.name, 'SliceBackward0', 'before the write');
      first.mul_(5);
      check.equal(last.gradFn?.name, 'AsStridedBackward0', 'another view of the base, after the write');
      // b.mul_ on the base itself: a view made before it reads the base's new history.
      b.mul_(2);
      check.equal(first.gradFn?.name, 'AsStridedBackward0');
      check.equal(first.gradFn?.nextFunctions[0]?.[0]?.name, 'MulBackward0');
      // first = 10 [x0, x1], last = 2 [x2, x3]
      first.sum().add(last.sum()).backward();
      await check.close(x.grad, [10, 10, 2, 2]);
    },
  },
  {
    id: 'inplace-views/zero-dim-view-and-grad-of-the-source',
    run: async (check) => {
      const x = leaf([1, 2, 3]);
      const s = tensor(7, { requiresGrad: true });
      const b = x.mul(x); // x^2
      b.select(0, 2).copy_(s.mul(2));
      // b = [x0^2, x1^2, 2 s]; d sum(b)/dx = [2 x0, 2 x1, 0], d/ds = 2
      const [gx, gs] = grad(b.sum(), [x, s]);
      await check.close(gx!, [2, 4, 0]);
      await check.close(gs!, 2);
    },
  },
  {
    id: 'inplace-views/double-backward-through-copy-slices',
    run: async (check) => {
      const x = leaf([1, 2, 3]);
      const b = x.mul(1);
      b.narrow(0, 0, 2).mul_(x.narrow(0, 0, 2)); // b = [x0^2, x1^2, x2]
      // f = sum(b^2) = x0^4 + x1^4 + x2^2; f' = [4 x0^3, 4 x1^3, 2 x2]; f'' diagonal [12 x0^2, 12 x1^2, 2]
      const [g] = grad(b.pow(2).sum(), [x], { createGraph: true });
      await check.close(g!, [4, 32, 6]);
      g!.sum().backward();
      await check.close(x.grad, [12, 48, 2]);
    },
  },
  {
    id: 'inplace-views/overwrites-keep-the-history',
    run: async (check) => {
      // PyTorch's fill_, zero_ and copy_ send zeros to the old values: x.grad is zeros, not None.
      const names: [string, (y: Tensor) => Tensor][] = [
        ['FillBackward0', (y) => y.fill_(5)],
        ['ZeroBackward0', (y) => y.zero_()],
        ['CopyBackwards', (y) => y.copy_(tensor([7, 8]))],
        ['NormalBackward0', (y) => y.normal_()],
        ['UniformBackward0', (y) => y.uniform_()],
      ];
      for (const [name, write] of names) {
        const x = leaf([1, 2]);
        const y = write(x.mul(2));
        check.equal(y.gradFn?.name, name, name);
        check.equal(y.gradFn?.nextFunctions[0]?.[0]?.name, 'MulBackward0', `${name} keeps the history`);
        y.sum().backward();
        await check.close(x.grad, [0, 0], `${name}: zeros to x`);
      }
    },
  },
  {
    id: 'inplace-views/retain-grad-follows-hooks-stay',
    run: async (check) => {
      const x = leaf([1, 2]);
      const y = x.mul(2);
      y.retainGrad();
      const before: Tensor[] = [];
      const after: Tensor[] = [];
      y.registerHook((g) => void before.push(g));
      y.mul_(3);
      y.registerHook((g) => void after.push(g));
      y.pow(2).sum().backward();
      // y_new = 6 x: d/dy_new = 2 y_new = [12, 24]; the hook registered before the write sees
      // the gradient of the old value, 3 times that; x.grad = 6 * 2 y_new.
      await check.close(y.grad, [12, 24], 'retained: gradient of the new value');
      await check.close(after[0] ?? null, [12, 24], 'hook registered after the write');
      await check.close(before[0] ?? null, [36, 72], 'hook registered before the write');
      await check.close(x.grad, [72, 144]);
    },
  },
  {
    id: 'inplace-views/retain-grad-on-a-written-view',
    run: async (check) => {
      const x = leaf([1, 2, 3, 4]);
      const b = x.mul(1);
      const v = b.narrow(0, 0, 2);
      v.retainGrad();
      v.mul_(3);
      v.pow(2).sum().backward();
      // v_new = 3 [x0, x1]: v.grad = 2 v_new = [6, 12]; x.grad = [18 x0, 18 x1, 0, 0]
      await check.close(v.grad, [6, 12]);
      await check.close(x.grad, [18, 36, 0, 0]);
    },
  },
  {
    id: 'inplace-views/version-is-shared-with-views',
    run: async (check) => {
      const x = zeros([4]);
      const v = x.narrow(0, 1, 2);
      const d = x.detach();
      check.equal(x.version, 0);
      v.add_(1);
      check.equal([x.version, v.version, d.version].join(), '1,1,1', 'one counter for base, view and detached alias');
      x.mul_(2);
      check.equal(v.version, 2);
      await check.close(x, [0, 2, 2, 0]);
    },
  },
  {
    id: 'inplace-views/view-of-a-leaf-requiring-grad-throws',
    run: async (check) => {
      const w = leaf([1, 2, 3]);
      check.throws(
        () => w.narrow(0, 0, 2).mul_(2),
        /mul_: a view of a leaf Variable that requires grad is being used in an in-place operation\./,
        'autograd',
      );
      await check.close(w, [1, 2, 3], 'w unchanged');
      check.equal(w.version, 0, 'version unchanged');
      noGrad(() => w.narrow(0, 0, 2).mul_(2)); // allowed without grad, as an optimizer step
      await check.close(w, [2, 4, 3]);
    },
  },
  {
    id: 'inplace-views/view-made-under-no-grad-throws',
    run: async (check) => {
      const x = leaf([1, 2, 3]);
      const y = x.mul(1);
      const v = noGrad(() => y.narrow(0, 0, 2));
      check.throws(
        () => v.mul_(2),
        /mul_: A view was created in no_grad mode and is being modified inplace with grad mode enabled\. Given that this use case is ambiguous/,
        'autograd',
      );
      // The same when only the value written requires grad.
      const buffer = zeros([3]);
      const part = noGrad(() => buffer.narrow(0, 0, 2));
      check.throws(() => part.copy_(x.narrow(0, 0, 2)), /copy_: A view was created in no_grad mode/, 'autograd');
      await check.close(buffer, [0, 0, 0], 'buffer unchanged');
      await check.close(y, [1, 2, 3], 'y unchanged');
      check.equal(y.gradFn?.name, 'MulBackward0', "y's history unchanged");
    },
  },
  {
    id: 'inplace-views/expanded-view-throws',
    run: async (check) => {
      const a = tensor([1, 2]);
      const e = a.unsqueeze(0).expand([3, 2]);
      const message =
        /add_: unsupported operation: more than one element of the written-to tensor refers to a single memory location\. Please clone\(\) the tensor before performing the operation\./;
      check.throws(() => e.add_(1), message, 'value');
      check.throws(() => noGrad(() => e.add_(1)), message, 'value');
      await check.close(a, [1, 2], 'a unchanged');
      e.select(0, 1).add_(1); // one row of it has no overlap
      await check.close(a, [2, 3]);
    },
  },
  {
    id: 'inplace-views/operand-of-another-dtype',
    run: async (check) => {
      if (!getBackend().dtypes.includes('float64')) return; // nothing to mix on this device
      const x = leaf([1, 2, 3]);
      const w = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
      const b = x.mul(1);
      b.narrow(0, 0, 2).mul_(w); // computed in float64, written as float32
      check.equal(b.dtype, 'float32');
      check.equal(b.gradFn?.name, 'CopySlices');
      check.equal(b.gradFn?.nextFunctions[1]?.[0]?.name, 'AccumulateGrad', "edge 1: w's");
      await check.close(b, [3, 8, 3]);
      b.pow(2).sum().backward();
      // b = [x0 w0, x1 w1, x2]: d sum(b^2)/dx = [2 x0 w0^2, 2 x1 w1^2, 2 x2], d/dw = [2 x0^2 w0, 2 x1^2 w1]
      await check.close(x.grad, [18, 64, 6]);
      await check.close(w.grad, [6, 32]);
      check.equal(w.grad?.dtype, 'float64');
    },
  },
  {
    id: 'inplace-views/copy-between-views-of-one-base',
    run: async (check) => {
      const partial =
        /copy_: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location\. Please clone\(\) the tensor before performing the operation\./;
      const b = tensor([1, 2, 3, 4]);
      check.throws(() => b.narrow(0, 1, 3).copy_(b.narrow(0, 0, 3)), partial, 'value');
      const d = tensor([
        [1, 2],
        [3, 4],
      ]);
      check.throws(() => d.copy_(d.t()), partial, 'value');
      await check.close(d, [
        [1, 2],
        [3, 4],
      ]);
      await check.close(b, [1, 2, 3, 4], 'b unchanged');
      check.equal(b.version, 0, 'version unchanged');
      b.copy_(b); // the same elements: nothing to write (the version still counts the write)
      check.equal(b.version, 1);
      b.narrow(0, 1, 3).copy_(b.narrow(0, 0, 1)); // a broadcast source: read before any write
      await check.close(b, [1, 1, 1, 1]);
      const e = tensor([1, 2, 3, 4, 5, 6]);
      e.get('::2').copy_(e.get('1::2')); // interleaved, disjoint
      await check.close(e, [2, 2, 4, 4, 6, 6]);
      // With grad: b = [x0, x1, x0, x1], so d sum(b)/dx = [2, 2, 0, 0]
      const x = leaf([1, 2, 3, 4]);
      const g = x.mul(1);
      g.narrow(0, 2, 2).copy_(g.narrow(0, 0, 2));
      await check.close(g, [1, 2, 1, 2]);
      g.sum().backward();
      await check.close(x.grad, [2, 2, 0, 0]);
    },
  },
] as const satisfies readonly ScriptCase[];
