import { nonzero, tensor, zeros, type Tensor } from '@ag/core';
import type { Check, ScriptCase } from '../case.js';

/** Whether `x`'s device keeps values on the host (the CPU): value-dependent shapes are then synchronous. */
function onHost(x: Tensor): boolean {
  return x.backend.readSync !== undefined;
}

/**
 * The DeviceError of `op`'s plain form on a device that keeps values off the host: it names the
 * awaited form, `awaited`, that does the same.
 */
function needsAwait(op: string, awaited: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${op}: the result's shape depends on the tensor's values, which device '.+' keeps off the host; ` +
      `use the awaited form \`await ${escape(awaited)}\`$`,
  );
}

/**
 * A value-dependent op: the awaited form everywhere; the plain form gives the same where values
 * are on the host, and elsewhere throws an error naming the awaited form.
 */
async function valueDependent(
  check: Check,
  x: Tensor,
  plain: () => Tensor | Tensor[],
  awaited: () => Promise<Tensor | Tensor[]>,
  expected: number[] | number[][] | number[][][],
  asyncError: RegExp,
): Promise<void> {
  const results = [await awaited()];
  if (onHost(x)) results.push(plain());
  else check.throws(plain, asyncError, 'device');
  for (const r of results) {
    if (Array.isArray(r)) {
      check.equal(r.length, expected.length, 'one index tensor per dim');
      for (let i = 0; i < r.length; i++) await check.close(r[i]!, expected[i] as number[], `dim ${i}`);
    } else await check.close(r, expected);
  }
}

/**
 * Assignment at an index (`x[spec] = v` as `x.set`), and the ops whose output shape depends on
 * values (nonzero, argwhere, maskedSelect, x[mask]). Values: PyTorch's docs examples (nonzero,
 * argwhere) and NumPy's indexing rules worked by hand.
 */
export const advancedIndexingScripts = [
  {
    id: 'nonzero/docs-examples',
    run: async (check) => {
      const a = tensor([1, 1, 1, 0, 1]);
      await valueDependent(
        check,
        a,
        () => a.nonzero(),
        () => a.nonzeroAsync(),
        [[0], [1], [2], [4]],
        needsAwait('nonzero', 'x.nonzeroAsync()'),
      );
      const d = tensor([
        [0.6, 0.0, 0.0, 0.0],
        [0.0, 0.4, 0.0, 0.0],
        [0.0, 0.0, 1.2, 0.0],
        [0.0, 0.0, 0.0, -0.4],
      ]);
      const diag = [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
      ];
      await valueDependent(
        check,
        d,
        () => nonzero(d),
        () => d.nonzeroAsync(),
        diag,
        needsAwait('nonzero', 'x.nonzeroAsync()'),
      );
      await valueDependent(
        check,
        d,
        () => d.nonzero({ asTuple: true }),
        () => d.nonzeroAsync({ asTuple: true }),
        [
          [0, 1, 2, 3],
          [0, 1, 2, 3],
        ],
        needsAwait('nonzero', 'x.nonzeroAsync()'),
      );
      const r = await a.nonzeroAsync();
      check.equal(r.dtype, 'int32', 'nonzero gives int32 indices (PyTorch: int64)');
    },
  },
  {
    id: 'argwhere/docs-examples',
    run: async (check) => {
      const t = tensor([
        [1, 0, 1],
        [0, 1, 1],
      ]);
      const expected = [
        [0, 0],
        [0, 2],
        [1, 1],
        [1, 2],
      ];
      await valueDependent(
        check,
        t,
        () => t.argwhere(),
        () => t.argwhereAsync(),
        expected,
        needsAwait('argwhere', 'x.argwhereAsync()'),
      );
      const none = await zeros([2, 2]).argwhereAsync();
      check.equal([...none.shape], [0, 2], 'no nonzero element: shape [0, ndim]');
    },
  },
  {
    id: 'maskedSelect/broadcast-mask',
    run: async (check) => {
      const x = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { requiresGrad: true },
      );
      const mask = tensor([true, false, true]);
      await valueDependent(
        check,
        x,
        () => x.maskedSelect(mask),
        () => x.maskedSelectAsync(mask),
        [1, 3, 4, 6],
        needsAwait('maskedSelect', 'x.maskedSelectAsync(mask)'),
      );
      const y = await x.maskedSelectAsync(mask);
      check.equal(y.gradFn?.name, 'MaskedSelectBackward0', 'grad_fn');
      y.mul(tensor([1, 2, 3, 4]))
        .sum()
        .backward();
      await check.close(x.grad, [
        [1, 0, 2],
        [3, 0, 4],
      ]);
    },
  },
  {
    id: 'index/bool-tensor-mask',
    run: async (check) => {
      const x = tensor(
        [
          [1, -2, 3],
          [-4, 5, -6],
        ],
        { requiresGrad: true },
      );
      const mask = x.gt(0);
      await valueDependent(
        check,
        x,
        () => x.index(mask),
        () => x.indexAsync(mask),
        [1, 3, 5],
        needsAwait('index', 'x.indexAsync(...)'),
      );
      const rows = await x.indexAsync(tensor([false, true]), ':');
      await check.close(rows, [[-4, 5, -6]], 'a mask over dim 0, then a slice');
      const y = await x.indexAsync(mask);
      check.equal(y.gradFn?.name, 'IndexBackward0', 'grad_fn');
      y.sum().backward();
      await check.close(x.grad, [
        [1, 0, 1],
        [0, 1, 0],
      ]);
    },
  },
  {
    id: 'set/basic-and-advanced',
    run: async (check) => {
      const z = zeros([3, 3]);
      check.equal(z.set(':, 0', 1), z, 'set returns the tensor');
      await check.close(z, [
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
      ]);
      z.set('1', tensor([7, 8, 9]));
      z.set(
        [
          [0, 2],
          [1, 2],
        ],
        tensor([5, 6]),
      );
      z.set([2, '1:'], -1);
      await check.close(z, [
        [1, 5, 0],
        [7, 8, 9],
        [1, -1, -1],
      ]);
      z.set('[0, 1], [2, 2]', 3);
      await check.close(z.get(':, 2'), [3, 3, -1], 'a list in the string form');
      z.set('0', tensor([[4, 4, 4]]));
      z.set([[1, 2]], tensor([[[6]]]));
      await check.close(
        z.get(':, 0'),
        [4, 6, 6],
        "a value's leading size-1 dims are dropped, as PyTorch's setitem does",
      );
      const i = tensor([3, 1, 2], { dtype: 'int32' });
      i.set([[0]], 0);
      await check.close(i, [0, 1, 2], 'an int32 tensor');
    },
  },
  {
    id: 'set/bool-mask',
    run: async (check) => {
      const x = tensor([
        [1, -2],
        [-3, 4],
      ]);
      // One value: no positions needed, so synchronous on every device.
      x.set([x.lt(0)], 0);
      await check.close(x, [
        [1, 0],
        [0, 4],
      ]);
      const y = tensor([
        [1, 2],
        [3, 4],
      ]);
      // Several values go to the mask's positions, which need its values on the host.
      const mask = y.gt(2);
      if (onHost(y))
        check.throws(
          () => y.set([mask], tensor([1, 2, 3])),
          /^indexPut: shape mismatch: value tensor of shape \[3\] cannot be broadcast to indexing result of shape \[2\]$/,
          'shape',
        );
      else check.throws(() => y.set([mask], tensor([30, 40])), needsAwait('set', 'x.setAsync(spec, value)'), 'device');
      await y.setAsync([mask], tensor([30, 40]));
      await check.close(y, [
        [1, 2],
        [30, 40],
      ]);
    },
  },
  {
    id: 'indexPut_/in-place-accumulate',
    run: async (check) => {
      const x = zeros([4]);
      const r = x.indexPut_([tensor([1, 1, 3], { dtype: 'int32' })], tensor([1, 2, 3]), true);
      check.equal(r, x, 'indexPut_ returns the tensor');
      await check.close(x, [0, 3, 0, 3]);
      const leaf = zeros([2], { requiresGrad: true });
      check.throws(
        () => leaf.indexPut_([tensor([0], { dtype: 'int32' })], tensor([1])),
        /^indexPut_: a leaf Variable that requires grad is being used in an in-place operation\.$/,
        'autograd',
      );
    },
  },
  {
    id: 'index/double-backward',
    run: async (check) => {
      const x = tensor([1, 2, 3], { requiresGrad: true });
      const y = x.index([0, 0, 2]);
      y.mul(y).sum().backward(undefined, { createGraph: true });
      const g = x.grad!;
      await check.close(g, [4, 0, 6], 'first gradient: 2 x_i per read');
      x.grad = null;
      g.sum().backward();
      await check.close(x.grad, [4, 0, 2], 'second gradient');
    },
  },
  {
    id: 'index/empty-and-0-d-index',
    run: async (check) => {
      const x = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { requiresGrad: true },
      );
      check.equal([...x.index([]).shape], [0, 3], 'x[[]] has no rows');
      check.equal([...x.index(':', tensor([], { dtype: 'int32' })).shape], [2, 0], 'x[:, empty]');
      const row = x.index(tensor(1, { dtype: 'int32' }));
      await check.close(row, [4, 5, 6], 'a 0-d int32 index picks like an integer');
      row.sum().backward();
      await check.close(x.grad, [
        [0, 0, 0],
        [1, 1, 1],
      ]);
    },
  },
] as const satisfies readonly ScriptCase[];
