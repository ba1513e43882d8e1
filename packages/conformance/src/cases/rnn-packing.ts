import { nn, tensor, type Tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';
import { values, type T2, type T3 } from './nn-reference.js';
import { stackRef } from './rnn-reference.js';
import { layerNames, stackWeights, withWeights } from './rnn.js';

/**
 * torch.nn.utils.rnn (packing and padding a batch of sequences of different lengths) against
 * the examples of PyTorch's documentation, and a recurrent layer over a packed batch against the
 * reference recurrence run on each sequence alone, for its own length.
 */

const { rnn } = nn.utils;
const ints = async (t: Tensor | null) => Array.from(await t!.toTypedArray(), Number);

// A GRU(2, 2), bidirectional, over a time-major batch [T = 3, B = 3, I = 2] of lengths 2, 3, 1
// (not sorted: the layer runs it sorted and returns states in the batch's own order).
const PX = values([3, 3, 2], 200) as T3;
const LENGTHS = [2, 3, 1];
const gru = stackWeights('gru', 2, 2, 1, 2, 210);
const alone = LENGTHS.map((len, b) =>
  stackRef(
    'gru',
    PX.slice(0, len).map((xt) => xt[b]!),
    gru.ref,
    [
      [0, 0],
      [0, 0],
    ],
    [
      [0, 0],
      [0, 0],
    ],
    2,
  ),
);

export const rnnPackingScripts = [
  {
    id: 'packSequence/pytorch-doc-example',
    run: async (check) => {
      // pack_sequence([tensor([1, 2, 3]), tensor([4, 5]), tensor([6])]): data [1, 4, 6, 2, 5, 3],
      // batch_sizes [3, 2, 1], no sorted_indices.
      const packed = rnn.packSequence([tensor([1, 2, 3]), tensor([4, 5]), tensor([6])]);
      await check.close(packed.data, [1, 4, 6, 2, 5, 3], 'data');
      check.equal(await ints(packed.batchSizes), [3, 2, 1], 'batchSizes');
      check.equal(packed.sortedIndices, null, 'sortedIndices');
      const back = rnn.unpackSequence(packed);
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
      const packed = rnn.packPaddedSequence(tensor(seq), [2, 1, 3], { batchFirst: true, enforceSorted: false });
      await check.close(packed.data, [4, 1, 3, 5, 2, 6], 'data');
      check.equal(await ints(packed.batchSizes), [3, 2, 1], 'batchSizes');
      check.equal(await ints(packed.sortedIndices), [2, 0, 1], 'sortedIndices');
      check.equal(await ints(packed.unsortedIndices), [1, 2, 0], 'unsortedIndices');
      const [padded, lengths] = rnn.padPackedSequence(packed, { batchFirst: true });
      await check.close(padded, seq, 'padded');
      check.equal(await ints(lengths), [2, 1, 3], 'lengths');
      check.throws(
        () => rnn.packPaddedSequence(tensor(seq), [2, 1, 3], { batchFirst: true }),
        /packPaddedSequence: `lengths` array must be sorted in decreasing order/,
      );
    },
  },
  {
    id: 'padSequence/sides-and-layout',
    run: async (check) => {
      // pad_sequence pads each sequence to the longest, after it ('right') or before it ('left').
      const seqs = [tensor([1, 2, 3]), tensor([4]), tensor([5, 6])];
      await check.close(
        rnn.padSequence(seqs),
        [
          [1, 4, 5],
          [2, 0, 6],
          [3, 0, 0],
        ],
        'time-major, right',
      );
      await check.close(
        rnn.padSequence(seqs, { batchFirst: true, paddingSide: 'left', paddingValue: -1 }),
        [
          [1, 2, 3],
          [-1, -1, 4],
          [-1, 5, 6],
        ],
        'batch-first, left',
      );
    },
  },
  {
    id: 'gru/packed-batch-as-each-sequence-alone',
    run: async (check) => {
      const m = withWeights(
        new nn.GRU(2, 2, { bidirectional: true }),
        Object.fromEntries(layerNames(1, 2).map((n, i) => [n, tensor(gru.flat[i] as T2)])),
      );
      const packed = rnn.packPaddedSequence(tensor(PX), LENGTHS, { enforceSorted: false });
      const [out, hn] = m(packed);
      const [padded, lengths] = rnn.padPackedSequence(out);
      check.equal(await ints(lengths), LENGTHS, 'lengths');
      // Past its length a sequence's output is padding (0); the reverse direction of each starts
      // at its own last step.
      const expected = PX.map((_, t) => alone.map(([o], b) => (t < LENGTHS[b]! ? o[t]! : [0, 0, 0, 0])));
      await check.close(padded, expected, 'output [T, B, 2 H]');
      await check.close(
        hn,
        [0, 1].map((d) => alone.map(([, h]) => h[d]!)),
        'h_n [2, B, H], in the batch order',
      );
    },
  },
] as const satisfies readonly ScriptCase[];
