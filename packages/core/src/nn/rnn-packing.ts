import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { pad } from '../ops/pad.js';
import { arange, full, tensor, zeros } from '../ops/creation.js';
import { cat, stack } from '../ops/join.js';
import { hostValues, rememberHostValues } from '../read.js';
import { ArgumentError, DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * torch.nn.utils.rnn: sequences of different lengths as one padded tensor or one packed
 * sequence. Packing and unpacking are each one indexSelect with indices worked out on the host
 * from the lengths, so gradients flow through both. Lengths and batch sizes are int32 tensors
 * whose values are also kept on the host (PyTorch keeps them on the CPU), so the RNNs read them
 * synchronously on every device.
 */

/**
 * A batch of sequences packed time step by time step (torch.nn.utils.rnn.PackedSequence): `data`
 * holds, for each step t, the batchSizes[t] sequences still running, longest first. The RNN
 * modules take one and return one; `sortedIndices` orders the batch by length (null when it
 * came sorted) and `unsortedIndices` undoes that.
 */
export class PackedSequence {
  readonly unsortedIndices: Tensor | null;

  constructor(
    readonly data: Tensor,
    readonly batchSizes: Tensor,
    readonly sortedIndices: Tensor | null = null,
    unsortedIndices: Tensor | null = null,
  ) {
    this.unsortedIndices = unsortedIndices ?? (sortedIndices === null ? null : invertPermutation(sortedIndices));
  }
}

/** The inverse permutation, on the device: inverse[perm[i]] = i. */
function invertPermutation(perm: Tensor): Tensor {
  const n = perm.shape[0] ?? 1;
  const place = { dtype: 'int32' as const, device: perm.device };
  return zeros([n], place).scatter(0, perm, arange(n, undefined, 1, place));
}

/** An int32 tensor of `values` that keeps them readable on the host. */
function hostInts(values: readonly number[], device: string): Tensor {
  return rememberHostValues(tensor([...values], { dtype: 'int32', device }), Int32Array.from(values));
}

/** An integer tensor's (or an array's) values as numbers, synchronously. */
export function readInts(op: string, what: string, t: Tensor | readonly number[]): number[] {
  if (Array.isArray(t)) return [...(t as number[])];
  const x = t as Tensor;
  if (x.ndim !== 1 || x.dtype.startsWith('float'))
    throw new (x.ndim === 1 ? DTypeError : ShapeError)(
      `${op}: expected ${what} as a 1-D integer tensor or an array, got ${x.dtype} of shape ${formatShape(x.shape)}`,
    );
  return Array.from(hostValues(x, op, `pass ${what} as an array of numbers`), Number);
}

/** Rows of `padded` [T*B, ...] to gather: for each step t, the first batchSizes[t] of `order`. */
function packRows(batchSizes: readonly number[], order: readonly number[], B: number): number[] {
  const rows: number[] = [];
  batchSizes.forEach((n, t) => {
    for (let j = 0; j < n; j++) rows.push(t * B + order[j]!);
  });
  return rows;
}

/** Packed data from a time-major padded [T, B, ...] whose batch is in `order` of length. */
export function packData(padded: Tensor, batchSizes: readonly number[], order: readonly number[]): Tensor {
  const [T, B] = padded.shape as [number, number];
  const rows = packRows(batchSizes, order, B);
  return padded
    .reshape([T * B, ...padded.shape.slice(2)])
    .indexSelect(0, tensor(rows, { dtype: 'int32', device: padded.device }));
}

/**
 * The packed data as a time-major padded [T, B, ...] in length order (sorted), `value` where no
 * step is, and the sorted lengths.
 */
export function unpackSorted(
  op: string,
  data: Tensor,
  batchSizes: readonly number[],
  value: number,
  totalLength?: number,
): [Tensor, number[]] {
  const T = batchSizes.length;
  const B = batchSizes[0] ?? 0;
  const N = data.shape[0]!;
  if (batchSizes.reduce((a, b) => a + b, 0) !== N || batchSizes.some((n, t) => n > (batchSizes[t - 1] ?? n) || n < 1))
    throw new ValueError(
      `${op}: batch sizes [${batchSizes.join(', ')}] do not describe packed data of ${N} rows (positive, non-increasing, summing to the rows)`,
    );
  const TT = totalLength ?? T;
  if (TT < T)
    throw new ValueError(
      `${op}: Expected total_length to be at least the length of the longest sequence in the input, but got total_length=${TT} and max sequence length being ${T}`,
    );
  const rest = data.shape.slice(1);
  const rows: number[] = [];
  let offset = 0;
  for (let t = 0; t < TT; t++) {
    const n = batchSizes[t] ?? 0;
    for (let j = 0; j < B; j++) rows.push(j < n ? offset + j : N); // N: the padding row below
    offset += n;
  }
  const source = cat([data, full([1, ...rest], value, { dtype: data.dtype, device: data.device })], 0);
  const padded = source.indexSelect(0, tensor(rows, { dtype: 'int32', device: data.device })).reshape([TT, B, ...rest]);
  const lengths = Array.from({ length: B }, (_, j) => batchSizes.filter((n) => n > j).length);
  return [padded, lengths];
}

export interface PackOptions {
  batchFirst?: boolean;
  /** Lengths already in decreasing order (PyTorch's default, true); false sorts them. */
  enforceSorted?: boolean;
}

/** Packs a padded batch [T, B, ...] (or [B, T, ...]) of sequences of the given lengths (torch's pack_padded_sequence). */
export function packPaddedSequence(
  input: Tensor,
  lengths: Tensor | readonly number[],
  options: PackOptions = {},
): PackedSequence {
  const op = 'packPaddedSequence';
  const lens = readInts(op, 'lengths', lengths);
  if (input.ndim < 2)
    throw new ShapeError(`${op}: expected input of at least 2 dims, got shape ${formatShape(input.shape)}`);
  const x = options.batchFirst === true ? input.transpose(0, 1) : input;
  const [T, B] = x.shape as [number, number];
  if (lens.length !== B)
    throw new ShapeError(
      `${op}: expected ${B} lengths (one per sequence of input ${formatShape(input.shape)}), got ${lens.length}`,
    );
  if (lens.some((l) => !Number.isInteger(l) || l <= 0))
    throw new ValueError(
      `${op}: Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0 ([${lens.join(', ')}])`,
    );
  if (lens.some((l) => l > T))
    throw new ValueError(
      `${op}: lengths [${lens.join(', ')}] exceed the input's ${T} time steps (shape ${formatShape(input.shape)})`,
    );
  const enforce = options.enforceSorted ?? true;
  if (enforce && lens.some((l, i) => i > 0 && l > lens[i - 1]!))
    throw new ValueError(
      `${op}: \`lengths\` array must be sorted in decreasing order when \`enforceSorted\` is true (got [${lens.join(', ')}]); pass enforceSorted: false to sort them`,
    );
  // Stable: equal lengths keep their order.
  const order = lens.map((_, i) => i).sort((a, b) => lens[b]! - lens[a]! || a - b);
  const batchSizes = Array.from({ length: lens[order[0]!] ?? 0 }, (_, t) => lens.filter((l) => l > t).length);
  const data = packData(x, batchSizes, order);
  const dev = input.device;
  if (enforce) return new PackedSequence(data, hostInts(batchSizes, dev));
  const inverse = new Array<number>(order.length);
  order.forEach((o, i) => (inverse[o] = i));
  return new PackedSequence(data, hostInts(batchSizes, dev), hostInts(order, dev), hostInts(inverse, dev));
}

export interface PadPackedOptions {
  batchFirst?: boolean;
  paddingValue?: number;
  /** Pads to this many steps (at least the longest sequence). */
  totalLength?: number;
}

/** The padded batch and the lengths (int32) of a packed sequence, in the original batch order (torch's pad_packed_sequence). */
export function padPackedSequence(sequence: PackedSequence, options: PadPackedOptions = {}): [Tensor, Tensor] {
  const op = 'padPackedSequence';
  if (!(sequence instanceof PackedSequence))
    throw new ArgumentError(`${op}: expected a PackedSequence (from packPaddedSequence), got ${typeof sequence}`);
  const batchSizes = readInts(op, 'batchSizes', sequence.batchSizes);
  let [padded, lengths] = unpackSorted(op, sequence.data, batchSizes, options.paddingValue ?? 0, options.totalLength);
  const unsorted = sequence.unsortedIndices;
  if (unsorted !== null) {
    padded = padded.indexSelect(1, unsorted);
    const sortedLengths = lengths;
    lengths = readInts(op, 'unsortedIndices', unsorted).map((p) => sortedLengths[p]!);
  }
  return [options.batchFirst === true ? padded.transpose(0, 1) : padded, hostInts(lengths, sequence.data.device)];
}

export interface PadSequenceOptions {
  batchFirst?: boolean;
  paddingValue?: number;
  /** Where the padding goes: after each sequence (PyTorch's default) or before it. */
  paddingSide?: 'right' | 'left';
}

/** Sequences [L_i, ...] padded to the longest and stacked: [T, B, ...] or, batchFirst, [B, T, ...] (torch's pad_sequence). */
export function padSequence(sequences: readonly Tensor[], options: PadSequenceOptions = {}): Tensor {
  const op = 'padSequence';
  const first = sequences[0];
  if (first === undefined) throw new ValueError(`${op}: received an empty list of sequences`);
  const rest = first.shape.slice(1);
  sequences.forEach((s, i) => {
    if (s.ndim < 1 || !shapesEqual(s.shape.slice(1), rest))
      throw new ShapeError(
        `${op}: expected every sequence of shape [${['length', ...rest].join(', ')}] (the first's trailing dims), got ${formatShape(s.shape)} at ${i}`,
      );
  });
  const T = Math.max(...sequences.map((s) => s.shape[0]!));
  const left = options.paddingSide === 'left';
  const padded = sequences.map((s) => {
    // F.pad's last pair of amounts is for dim 0.
    const amounts = new Array<number>(2 * s.ndim).fill(0);
    amounts[2 * s.ndim - (left ? 2 : 1)] = T - s.shape[0]!;
    return pad(s, amounts, { value: options.paddingValue ?? 0 });
  });
  return stack(padded, options.batchFirst === true ? 0 : 1);
}

/** Packs a list of sequences [L_i, ...] (torch's pack_sequence). */
export function packSequence(sequences: readonly Tensor[], options: { enforceSorted?: boolean } = {}): PackedSequence {
  const lengths = sequences.map((s) => s.shape[0] ?? 0);
  return packPaddedSequence(padSequence(sequences), lengths, { enforceSorted: options.enforceSorted ?? true });
}

/** The sequences of a padded batch, each cut to its length (torch's unpad_sequence). */
export function unpadSequence(
  padded: Tensor,
  lengths: Tensor | readonly number[],
  options: { batchFirst?: boolean } = {},
): Tensor[] {
  const lens = readInts('unpadSequence', 'lengths', lengths);
  const x = options.batchFirst === true ? padded : padded.transpose(0, 1);
  if (x.ndim < 2 || lens.length !== x.shape[0] || lens.some((l) => l > x.shape[1]!))
    throw new ShapeError(
      `unpadSequence: lengths [${lens.join(', ')}] do not fit a padded batch of shape ${formatShape(padded.shape)}`,
    );
  return lens.map((l, i) => x.select(0, i).narrow(0, 0, l));
}

/** The sequences of a packed batch, in the original order (torch's unpack_sequence). */
export function unpackSequence(packed: PackedSequence): Tensor[] {
  const [padded, lengths] = padPackedSequence(packed, { batchFirst: true });
  return unpadSequence(padded, lengths, { batchFirst: true });
}
