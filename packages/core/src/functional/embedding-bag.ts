import { arange, full, ones, zeros } from '../ops/creation.js';
import { eq, where } from '../ops/elementwise.js';
import { cat } from '../ops/join.js';
import { cumsum } from '../ops/cumulative.js';
import { indexAdd } from '../ops/index-along.js';
import { scatterReduce } from '../ops/scatter-reduce.js';
import { clampMin } from '../ops/unary-math.js';
import { defineOp } from '../ops/op-node.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkIndices } from './common.js';
import { ArgumentError, DTypeError, ShapeError, ValueError } from '../errors.js';

export interface EmbeddingBagOptions {
  /** How each bag's rows combine: 'mean' (PyTorch's default), 'sum' or 'max'; an empty bag gives zeros. */
  mode?: 'sum' | 'mean' | 'max';
  /** A weight per index (input's shape), multiplying its row: mode 'sum' only. */
  perSampleWeights?: Tensor | null;
  /** `offsets` has one more entry, the end of the last bag (input's length). */
  includeLastOffset?: boolean;
  /** Entries equal to it belong to no bag (nor to a mean's count). */
  paddingIdx?: number | null;
}

interface BagAttrs {
  readonly flat: Tensor;
  readonly bags: Tensor;
  readonly mode: 'sum' | 'mean' | 'max';
  readonly counts: Tensor | null;
  readonly V: number;
  readonly B: number;
}

/**
 * Sums, means or maxima of bags of rows of `weight` [V, D] (torch.nn.functional.embedding_bag):
 * `input` [B, N] is B bags of N indices; or `input` [M] is cut into bags where `offsets` [B] start.
 * Returns [B, D], one node EmbeddingBagBackward0. Each index's bag is found on the device (a
 * cumulative count of the offsets at or before it), so offsets need no reading; padding entries
 * go to one extra bag that is dropped.
 */
export function embeddingBag(
  input: Tensor,
  weight: Tensor,
  offsets?: Tensor | null,
  options: EmbeddingBagOptions = {},
): Tensor {
  const op = 'embeddingBag';
  const mode = options.mode ?? 'mean';
  if (mode !== 'sum' && mode !== 'mean' && mode !== 'max')
    throw new ValueError(`${op}: mode has to be one of sum, mean or max, got '${String(mode)}'`);
  checkFloat(op, 'weight', weight);
  if (weight.ndim !== 2)
    throw new ShapeError(
      `${op}: expected weight of 2 dims [numEmbeddings, embeddingDim], got ${formatShape(weight.shape)}`,
    );
  const [V, D] = weight.shape as [number, number];
  if (input.dtype !== 'int32')
    throw new DTypeError(`${op}: expected int32 indices, got ${input.dtype} of shape ${formatShape(input.shape)}`);
  const dev = { device: input.device };
  let starts: Tensor;
  if (input.ndim === 2) {
    if (offsets != null)
      throw new ValueError(
        `${op}: if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences`,
      );
    const [b, n] = input.shape as [number, number];
    starts = arange(0, b, 1, { dtype: 'int32', ...dev }).mul(n);
  } else if (input.ndim === 1) {
    if (offsets == null || offsets.ndim !== 1 || offsets.dtype !== 'int32')
      throw new (offsets == null ? ArgumentError : offsets.dtype !== 'int32' ? DTypeError : ShapeError)(
        `${op}: offsets has to be a 1D int32 Tensor for a 1D input, got ${offsets == null ? 'none' : `${offsets.dtype} of shape ${formatShape(offsets.shape)}`}`,
      );
    starts = options.includeLastOffset === true ? offsets.narrow(0, 0, Math.max(offsets.shape[0]! - 1, 0)) : offsets;
  } else {
    throw new ShapeError(`${op}: input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.ndim}`);
  }
  const flat = input.reshape(-1);
  checkIndices(op, 'index', flat, V);
  const psw = options.perSampleWeights ?? null;
  if (psw !== null) {
    if (mode !== 'sum')
      throw new ValueError(`${op}: per_sample_weights is only supported for mode='sum' (got mode='${mode}')`);
    if (!shapesEqual(psw.shape, input.shape))
      throw new ShapeError(
        `${op}: expected perSampleWeights of the input's shape ${formatShape(input.shape)}, got ${formatShape(psw.shape)}`,
      );
  }
  const M = flat.shape[0]!;
  const B = starts.shape[0]!;
  // bag[i] = (offsets at or before i) - 1; before the first offset, or padding: bag B, dropped.
  const marks = indexAdd(
    zeros([M + 1], { dtype: 'int32', ...dev }),
    0,
    clampMax(starts, M),
    ones([B], { dtype: 'int32', ...dev }),
  );
  let bags = cumsum(marks.narrow(0, 0, M), 0).sub(1);
  bags = where(bags.lt(0), B, bags);
  const pad = options.paddingIdx;
  if (pad != null) bags = where(eq(flat, pad < 0 ? pad + V : pad), B, bags);
  const counts =
    mode === 'mean'
      ? clampMin(
          indexAdd(
            zeros([B + 1], { dtype: weight.dtype, ...dev }),
            0,
            bags,
            ones([M], { dtype: weight.dtype, ...dev }),
          ),
          1,
        )
      : null;
  const attrs: BagAttrs = { flat, bags, mode, counts, V, B };
  const inputs = psw === null ? [weight] : [weight, psw];
  return defineOp(
    'EmbeddingBagBackward0',
    inputs,
    () => {
      const rows = weight.indexSelect(0, flat);
      if (mode === 'max') {
        const index = bags.unsqueeze(1).expand(M, D);
        return scatterReduce(zeros([B + 1, D], { dtype: weight.dtype, ...dev }), 0, index, rows, 'amax', {
          includeSelf: false,
        }).narrow(0, 0, B);
      }
      const summed = indexAdd(
        zeros([B + 1, D], { dtype: weight.dtype, ...dev }),
        0,
        bags,
        psw === null ? rows : rows.mul(psw.reshape(-1, 1)),
      );
      return (counts === null ? summed : summed.div(counts.unsqueeze(1))).narrow(0, 0, B);
    },
    (out) => (psw === null ? [weight, out] : [weight, out, psw]),
    embeddingBagBackward,
    attrs,
  );
}

const clampMax = (x: Tensor, max: number) => where(x.gt(max), max, x);

/**
 * Each index's row gets its bag's gradient: times its weight (sum), over the bag's count (mean),
 * or only where it was its bag's maximum, the first such index per column (max).
 */
function embeddingBagBackward(g: Tensor, saved: readonly Tensor[], a: BagAttrs): (Tensor | null)[] {
  const [weight, out, psw] = saved as [Tensor, Tensor, Tensor | undefined];
  const D = g.shape[1]!;
  const M = a.flat.shape[0]!;
  const place = { dtype: g.dtype, device: g.device };
  const perIndex = (t: Tensor) => cat([t, zeros([1, D], place)], 0).indexSelect(0, a.bags); // bag B: zeros
  let gRows = perIndex(g);
  if (a.mode === 'max') {
    const rows = weight.indexSelect(0, a.flat);
    const positions = where(
      rows.eq(perIndex(out)),
      arange(M, undefined, 1, { dtype: 'int32', device: g.device }).unsqueeze(1),
      M,
    );
    const index = a.bags.unsqueeze(1).expand(M, D);
    const first = scatterReduce(
      full([a.B + 1, D], M, { dtype: 'int32', device: g.device }),
      0,
      index,
      positions,
      'amin',
    );
    gRows = where(positions.eq(first.indexSelect(0, a.bags)), gRows, 0);
  } else if (a.counts !== null) {
    gRows = gRows.div(a.counts.indexSelect(0, a.bags).unsqueeze(1));
  }
  const gWeight = indexAdd(
    zeros([a.V, D], place),
    0,
    a.flat,
    psw === undefined ? gRows : gRows.mul(psw.reshape(-1, 1)),
  );
  if (psw === undefined) return [gWeight];
  const gPsw = gRows.mul(weight.indexSelect(0, a.flat)).sum(-1).reshape(psw.shape);
  return [gWeight, gPsw];
}
