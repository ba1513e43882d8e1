import type { NestedArray } from '@ag/core';
import { nn, ones, tensor, type Tensor } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { values, type T3 } from './nn-reference.js';
import { stackRef } from './rnn-reference.js';
import { flatOut, layerNames, stackWeights, withWeights } from './rnn.js';

/**
 * nn.utils.rnn: padding, packing and unpacking against the examples of PyTorch's documentation
 * and worked out by hand for three sequences of lengths 3, 1 and 2, and the recurrent layers over
 * a packed batch, which must give each sequence what it gives alone (the reference loops over
 * the sequence's own steps).
 */

const { padSequence, packPaddedSequence, padPackedSequence, packSequence, unpackSequence } = nn.utils.rnn;
const ints = async (t: Tensor | null) => Array.from(await t!.toTypedArray(), Number);
const g = (v: unknown) => ({ values: v as NestedArray, requiresGrad: true });

const A = [[1], [2], [3]];
const B = [[4]];
const C = [[5], [6]];
// batch-first padded [3, 3, 1], lengths 3, 1, 2
const PADDED = [
  [[1], [2], [3]],
  [[4], [0], [0]],
  [[5], [6], [0]],
];

export const packingCases = [
  {
    id: 'padSequence/batch-first-padding-value',
    inputs: [g(A), g(B), g(C)],
    run: (a, b, c) => padSequence([a, b, c], { batchFirst: true, paddingValue: -1 }),
    expected: [
      [[1], [2], [3]],
      [[4], [-1], [-1]],
      [[5], [6], [-1]],
    ],
    grads: [[[1], [1], [1]], [[1]], [[1], [1]]],
  },
  {
    id: 'padSequence/time-major-left',
    inputs: [g(A), g(B), g(C)],
    run: (a, b, c) => padSequence([a, b, c], { paddingSide: 'left' }),
    expected: [
      [[1], [0], [0]],
      [[2], [0], [5]],
      [[3], [4], [6]],
    ],
  },
  {
    id: 'packPaddedSequence/unsorted-data',
    // sorted by length: sequences 0, 2, 1; step 0 holds all three, step 1 two, step 2 one
    inputs: [g(PADDED)],
    run: (x) => packPaddedSequence(x, [3, 1, 2], { batchFirst: true, enforceSorted: false }).data,
    expected: [[1], [5], [4], [2], [6], [3]],
    grads: [
      [
        [[1], [1], [1]],
        [[1], [0], [0]],
        [[1], [1], [0]],
      ],
    ],
  },
  {
    id: 'padPackedSequence/round-trip-total-length',
    inputs: [g(PADDED)],
    run: (x) => {
      const packed = packPaddedSequence(x, [3, 1, 2], { batchFirst: true, enforceSorted: false });
      return padPackedSequence(packed, { batchFirst: true, paddingValue: 9, totalLength: 4 })[0];
    },
    expected: [
      [[1], [2], [3], [9]],
      [[4], [9], [9], [9]],
      [[5], [6], [9], [9]],
    ],
  },
] as const satisfies readonly OpCase[];

/**
 * The reference over a batch-first padded x [B][T][I] of the given lengths: the padded output
 * [B][T][D*H] (zeros past each length), then h_n and c_n [L*D][B][H], flattened.
 */
function packedRef(
  kind: 'lstm' | 'gru',
  x: T3,
  lengths: number[],
  ws: ReturnType<typeof stackWeights>,
  h0: T3,
  D: 1 | 2,
) {
  const per = x.map((xb, b) =>
    stackRef(
      kind,
      xb.slice(0, lengths[b]),
      ws.ref,
      h0.map((s) => s[b]!),
      h0.map((s) => s[b]!.map(() => 0)),
      D,
    ),
  );
  const width = per[0]![0][0]!.length;
  const y = x.flatMap((xb, b) => xb.flatMap((_, t) => per[b]![0][t] ?? new Array<number>(width).fill(0)));
  const hn = h0.flatMap((_, k) => per.flatMap(([, h]) => h[k]!));
  const cn = kind === 'lstm' ? h0.flatMap((_, k) => per.flatMap(([, , c]) => c[k]!)) : [];
  return [...y, ...hn, ...cn];
}

const PX = values([3, 3, 1], 200) as T3;
const lstmBi = stackWeights('lstm', 1, 1, 1, 2, 210);
const GX = values([3, 3, 2], 230) as T3;
const G0 = values([2, 3, 1], 231) as T3;
const gru2 = stackWeights('gru', 2, 1, 2, 1, 240);

export const packedRnnCases = [
  {
    id: 'lstm/packed-bidirectional-unsorted',
    inputs: [g(PX), ...lstmBi.flat.map(g)],
    run: (x, ...ws) => {
      const m = withWeights(
        new nn.LSTM(1, 1, { bidirectional: true }),
        Object.fromEntries(layerNames(1, 2).map((n, i) => [n, ws[i]!])),
      );
      const packed = packPaddedSequence(x, [3, 1, 2], { batchFirst: true, enforceSorted: false });
      const [out, [h, c]] = m(packed);
      return flatOut(padPackedSequence(out, { batchFirst: true })[0], [h, c]);
    },
    expected: packedRef(
      'lstm',
      PX,
      [3, 1, 2],
      lstmBi,
      [
        [[0], [0], [0]],
        [[0], [0], [0]],
      ],
      2,
    ),
  },
  {
    id: 'gru/packed-two-layers-with-h0',
    // lengths 2, 3, 1: the states come in the batch's order and go back in it
    inputs: [g(GX), g(G0), ...gru2.flat.map(g)],
    run: (x, h0, ...ws) => {
      const m = withWeights(
        new nn.GRU(2, 1, { numLayers: 2 }),
        Object.fromEntries(layerNames(2, 1).map((n, i) => [n, ws[i]!])),
      );
      const [out, h] = m(packPaddedSequence(x, [2, 3, 1], { batchFirst: true, enforceSorted: false }), h0);
      return flatOut(padPackedSequence(out, { batchFirst: true })[0], [h]);
    },
    expected: packedRef('gru', GX, [2, 3, 1], gru2, G0, 1),
  },
] as const satisfies readonly OpCase[];

export const packingScripts = [
  {
    id: 'packSequence/pytorch-doc-example',
    run: async (check) => {
      // pack_sequence([tensor([1, 2, 3]), tensor([4, 5]), tensor([6])]): data [1, 4, 6, 2, 5, 3],
      // batch_sizes [3, 2, 1], no sorted_indices.
      const packed = packSequence([tensor([1, 2, 3]), tensor([4, 5]), tensor([6])]);
      await check.close(packed.data, [1, 4, 6, 2, 5, 3], 'data');
      check.equal(await ints(packed.batchSizes), [3, 2, 1], 'batchSizes');
      check.equal([packed.sortedIndices, packed.unsortedIndices], [null, null], 'sorted: no indices');
      const back = unpackSequence(packed);
      check.equal(back.length, 3, 'unpacked count');
      await check.close(back[1]!, [4, 5], 'unpacked second sequence');
    },
  },
  {
    id: 'packPaddedSequence/unsorted-pytorch-doc-example',
    run: async (check) => {
      // seq [[1, 2, 0], [3, 0, 0], [4, 5, 6]], lengths [2, 1, 3], batch_first, enforce_sorted=False:
      // data [4, 1, 3, 5, 2, 6], batch_sizes [3, 2, 1], sorted_indices [2, 0, 1],
      // unsorted_indices [1, 2, 0]; pad_packed_sequence gives back seq and lengths [2, 1, 3].
      const seq = [
        [1, 2, 0],
        [3, 0, 0],
        [4, 5, 6],
      ];
      const packed = packPaddedSequence(tensor(seq), [2, 1, 3], { batchFirst: true, enforceSorted: false });
      await check.close(packed.data, [4, 1, 3, 5, 2, 6], 'data');
      check.equal(await ints(packed.batchSizes), [3, 2, 1], 'batchSizes');
      check.equal(await ints(packed.sortedIndices), [2, 0, 1], 'sortedIndices');
      check.equal(await ints(packed.unsortedIndices), [1, 2, 0], 'unsortedIndices');
      const [padded, lengths] = padPackedSequence(packed, { batchFirst: true });
      await check.close(padded, seq, 'padded');
      check.equal(await ints(lengths), [2, 1, 3], 'lengths in the batch order');
      check.equal(lengths.dtype, 'int32', 'lengths dtype');
      // The lengths it returns pack again on any device: their values are kept on the host.
      await check.close(
        packPaddedSequence(padded, lengths, { batchFirst: true, enforceSorted: false }).data,
        [4, 1, 3, 5, 2, 6],
        'packed again from the returned lengths',
      );
    },
  },
  {
    id: 'packedSequence/unsorted-unpack-and-user-indices',
    run: async (check) => {
      const seqs = [tensor(A), tensor(B), tensor(C)];
      const packed = packSequence(seqs, { enforceSorted: false });
      const back = unpackSequence(packed);
      for (let i = 0; i < 3; i++) await check.close(back[i]!, [A, B, C][i]!, `unpacked sequence ${i}`);
      const fromUser = new nn.utils.rnn.PackedSequence(packed.data, packed.batchSizes, packed.sortedIndices);
      await check.close(fromUser.unsortedIndices, [0, 2, 1], 'unsortedIndices computed from sortedIndices');
    },
  },
] as const satisfies readonly ScriptCase[];

export const packingErrors = [
  {
    id: 'error/packPaddedSequence-unsorted',
    inputs: () => [ones([3, 3, 1])],
    run: (x) => packPaddedSequence(x, [1, 3, 2]).data,
    throws:
      /packPaddedSequence: `lengths` array must be sorted in decreasing order when `enforceSorted` is true \(got \[1, 3, 2\]\)/,
    kind: 'value',
  },
  {
    id: 'error/packPaddedSequence-zero-length',
    inputs: () => [ones([3, 2, 1])],
    run: (x) => packPaddedSequence(x, [3, 0]).data,
    throws: /packPaddedSequence: Length of all samples has to be greater than 0, .* \(\[3, 0\]\)/,
    kind: 'value',
  },
  {
    id: 'error/padSequence-trailing-dims',
    inputs: () => [ones([2, 3]), ones([2, 4])],
    run: (a, b) => padSequence([a, b]),
    throws:
      /padSequence: expected every sequence of shape \[length, 3\] \(the first's trailing dims\), got \[2, 4\] at 1/,
    kind: 'shape',
  },
  {
    id: 'error/padPackedSequence-total-length',
    inputs: () => [ones([3, 2, 1])],
    run: (x) => padPackedSequence(packPaddedSequence(x, [3, 2]), { totalLength: 2 }),
    throws:
      /padPackedSequence: Expected total_length to be at least the length of the longest sequence in the input, but got total_length=2 and max sequence length being 3/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
