import { nn, optim, scatter, scatterReduce, tensor } from '@ag/core';
import type { OpCase, ScriptCase } from '../case.js';

/**
 * scatterReduce and scatter's `reduce`, on PyTorch's documented examples (torch.Tensor.scatter_reduce_:
 * src [1..6], index [0, 1, 0, 1, 2, 1], input [1, 2, 3, 4]); gradients by closed forms (written
 * out per position) and finite differences (the harness's gradcheck).
 */
const index = { values: [0, 1, 0, 1, 2, 1], dtype: 'int32' as const };
const input = { values: [1, 2, 3, 4], requiresGrad: true };
const src = { values: [1, 2, 3, 4, 5, 6], requiresGrad: true };

export const scatterReduceCases = [
  {
    id: 'scatterReduce/sum-docs',
    inputs: [input, index, src],
    run: (x, i, s) => scatterReduce(x, 0, i, s, 'sum'),
    expected: [5, 14, 8, 4],
    grads: [[1, 1, 1, 1], null, [1, 1, 1, 1, 1, 1]],
    gradFn: 'ScatterReduceBackward0',
  },
  {
    id: 'scatterReduce/amax-exclude-self-docs',
    inputs: [input, index, src],
    run: (x, i, s) => scatterReduce(x, 0, i, s, 'amax', { includeSelf: false }),
    expected: [3, 6, 5, 4],
    // x reaches only position 3 (no index names it); each maximum is a unique src element.
    grads: [[0, 0, 0, 1], null, [0, 0, 1, 0, 1, 1]],
  },
  {
    id: 'scatterReduce/prod',
    inputs: [input, index, src],
    run: (x, i, s) => scatterReduce(x, 0, i, s, 'prod'),
    expected: [3, 96, 15, 4],
    // d/dx0 = 1*3, d/dx1 = 2*4*6, d/dx2 = 5; d/dsrc = the product of the rest at its position.
    grads: [[3, 48, 5, 1], null, [3, 48, 1, 24, 3, 16]],
  },
  {
    id: 'scatterReduce/mean',
    inputs: [input, index, src],
    run: (x, i, s) => scatterReduce(x, 0, i, s, 'mean'),
    expected: [5 / 3, 3.5, 4, 4],
    grads: [[1 / 3, 1 / 4, 1 / 2, 1], null, [1 / 3, 1 / 4, 1 / 3, 1 / 4, 1 / 2, 1 / 4]],
  },
  {
    id: 'scatterReduce/amin-2d-ties-share',
    inputs: [
      { values: [[2, 5]], requiresGrad: true },
      { values: [[0, 0, 1]], dtype: 'int32' },
      { values: [[2, 7, 9]], requiresGrad: true },
    ],
    run: (x, i, s) => scatterReduce(x, 1, i, s, 'amin'),
    expected: [[2, 5]],
    // position 0: x (2) ties src 2: half each; position 1: x (5) is the minimum.
    grads: [[[0.5, 1]], null, [[0.5, 0, 0]]],
    noGradcheck: true,
  },
  {
    id: 'scatter/reduce-add-docs',
    inputs: [
      {
        values: [
          [2, 2, 2, 2],
          [2, 2, 2, 2],
        ],
      },
      { values: [[2], [3]], dtype: 'int32' },
    ],
    run: (x, i) => scatter(x, 1, i, 1.23, { reduce: 'add' }),
    expected: [
      [2, 2, 3.23, 2],
      [2, 2, 2, 3.23],
    ],
  },
  {
    id: 'scatter/reduce-multiply-docs',
    inputs: [
      {
        values: [
          [2, 2, 2, 2],
          [2, 2, 2, 2],
        ],
      },
      { values: [[2], [3]], dtype: 'int32' },
    ],
    run: (x, i) => scatter(x, 1, i, 1.23, { reduce: 'multiply' }),
    expected: [
      [2, 2, 2.46, 2],
      [2, 2, 2, 2.46],
    ],
  },
] as const satisfies readonly OpCase[];

/** Options PyTorch has that ag dropped before: Conv's paddingMode, step(closure). */
export const optionScripts = [
  {
    id: 'nn/conv1d-padding-mode-circular',
    run: async (check) => {
      // A kernel [0, 1, 0] with padding 1 copies the padded input's middle: the input itself,
      // whatever the mode; a kernel [1, 0, 0] reads the element before, which the mode supplies.
      const conv = new nn.Conv1d(1, 1, 3, { padding: 1, paddingMode: 'circular', bias: false });
      conv.weight.data.copy_(tensor([[[1, 0, 0]]]));
      const x = tensor([[[1, 2, 3, 4]]], { requiresGrad: true });
      const y = conv.forward(x);
      await check.close(y, [[[4, 1, 2, 3]]]);
      y.sum().backward();
      await check.close(x.grad, [[[1, 1, 1, 1]]]);
      const reflect = new nn.Conv1d(1, 1, 3, { padding: 1, paddingMode: 'reflect', bias: false });
      reflect.weight.data.copy_(tensor([[[1, 0, 0]]]));
      await check.close(reflect.forward(tensor([[[1, 2, 3, 4]]])), [[[2, 1, 2, 3]]]);
      const replicate = new nn.Conv2d(1, 1, 3, { padding: 'same', paddingMode: 'replicate', bias: false });
      replicate.weight.data.copy_(
        tensor([
          [
            [
              [1, 0, 0],
              [0, 0, 0],
              [0, 0, 0],
            ],
          ],
        ]),
      );
      await check.close(
        replicate.forward(
          tensor([
            [
              [
                [1, 2],
                [3, 4],
              ],
            ],
          ]),
        ),
        [
          [
            [
              [1, 1],
              [1, 1],
            ],
          ],
        ],
      );
    },
  },
  {
    id: 'optim/step-closure',
    run: async (check) => {
      const p = tensor([1, 2], { requiresGrad: true });
      const opt = new optim.SGD([p], { lr: 0.1 });
      const loss = opt.step(() => {
        opt.zeroGrad();
        const l = p.pow(2).sum();
        l.backward();
        return l;
      });
      await check.close(loss, 5);
      await check.close(p, [0.8, 1.6]);
    },
  },
] as const satisfies readonly ScriptCase[];
