import { asStrided, cat, pad, tensor, type Tensor } from '@ag/core';
import type { Check, ScriptCase } from '../case.js';

/** Double backward of `sum(f(x))`: the first gradient (with createGraph), then the gradient of its sum. */
async function twice(
  check: Check,
  values: number[] | number[][],
  f: (x: Tensor) => Tensor,
  first: number[] | number[][],
  second: number[] | number[][],
): Promise<void> {
  const x = tensor(values, { requiresGrad: true });
  f(x).sum().backward(undefined, { createGraph: true });
  const g = x.grad!;
  await check.close(g, first, 'first gradient');
  check.equal(g.requiresGrad, true, 'the first gradient is differentiable');
  x.grad = null;
  g.sum().backward();
  await check.close(x.grad, second, 'second gradient');
}

/** Views are real views of the storage, and gradients through views, scatters and gathers differentiate again. */
export const indexingScripts = [
  {
    id: 'views/share-storage',
    run: (check) => {
      const x = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      for (const v of [x.slice(1, 1), x.narrow(0, 1, 1), x.select(1, 2), x.get('::1, 1:'), asStrided(x, [2], [4], 0)]) {
        check.equal(v.storage, x.storage, 'a view shares the base storage');
      }
      const s = x.slice(1, 1, 3, 1).select(0, 1);
      check.equal([s.offset, [...s.strides]], [4, [1]], 'offset and strides of x[1, 1:3]');
      return Promise.resolve();
    },
  },
  {
    id: 'double-backward/slice',
    run: (check) => twice(check, [1, 2, 3], (x) => x.slice(0, 1).mul(x.slice(0, 1)), [0, 4, 6], [0, 2, 2]),
  },
  {
    id: 'double-backward/asStrided-overlapping',
    run: (check) =>
      twice(
        check,
        [1, 2, 3],
        (x) => {
          const y = asStrided(x, [2, 2], [1, 1], 0);
          return y.mul(y);
        },
        [2, 8, 6],
        [2, 4, 2],
      ),
  },
  {
    id: 'double-backward/max-dim',
    run: (check) =>
      twice(
        check,
        [
          [1, 5],
          [4, 2],
        ],
        (x) => {
          const v = x.max(0).values;
          return v.mul(v);
        },
        [
          [0, 10],
          [8, 0],
        ],
        [
          [0, 2],
          [2, 0],
        ],
      ),
  },
  {
    id: 'double-backward/pad',
    run: (check) =>
      twice(
        check,
        [1, 2],
        (x) => {
          const p = pad(x, [1, 1], { value: 3 });
          return p.mul(p);
        },
        [2, 4],
        [2, 2],
      ),
  },
  {
    id: 'double-backward/pad-reflect',
    run: (check) =>
      twice(
        check,
        [1, 2],
        (x) => {
          const p = pad(x, [1, 0], { mode: 'reflect' });
          return p.mul(p);
        },
        [2, 8],
        [2, 4],
      ),
  },
  {
    id: 'double-backward/cat-and-split',
    run: (check) =>
      twice(
        check,
        [1, 2],
        (x) => {
          const c = cat([x, x]).split(1)[3]!;
          return c.mul(c);
        },
        [0, 4],
        [0, 2],
      ),
  },
  {
    id: 'double-backward/index-select',
    run: (check) =>
      twice(
        check,
        [1, 2],
        (x) => {
          const s = x.indexSelect(0, tensor([0, 0, 1], { dtype: 'int32' }));
          return s.mul(s);
        },
        [4, 4],
        [4, 2],
      ),
  },
  {
    id: 'double-backward/gather-scatter-add',
    run: (check) =>
      twice(
        check,
        [3, 4],
        (x) => {
          const i = tensor([1, 1], { dtype: 'int32' });
          const s = x.gather(0, i).scatterAdd(0, i, x);
          return s.mul(s);
        },
        [22, 52],
        [6, 14],
      ),
  },
  {
    id: 'double-backward/prod',
    run: (check) => twice(check, [2, 3, 4], (x) => x.prod(), [12, 8, 6], [7, 6, 5]),
  },
  {
    id: 'double-backward/cumsum-flip-roll',
    run: (check) =>
      twice(
        check,
        [1, 2],
        (x) => {
          const c = x.cumsum(0).flip(0).roll(1);
          return c.mul(c);
        },
        [8, 6],
        [6, 4],
      ),
  },
] as const satisfies readonly ScriptCase[];
