import { zeros } from '../ops/creation.js';
import { eq, where } from '../ops/elementwise.js';
import { scatterAddOp, selectAlong } from '../ops/indexing.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { expand, reshape, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkIndices } from './common.js';
import { DTypeError, IndexError, ShapeError } from '../errors.js';

/**
 * Rows of `weight` [V, D] at int32 `indices` (any shape): [...indices.shape, D]. The gradient
 * scatter-adds into the rows used (EmbeddingBackward0); the row `paddingIdx` gets none.
 */
export function embedding(indices: Tensor, weight: Tensor, paddingIdx?: number | null): Tensor {
  const op = 'embedding';
  if (weight.ndim !== 2)
    throw new ShapeError(
      `${op}: expected weight of 2 dims [numEmbeddings, embeddingDim], got ${formatShape(weight.shape)}`,
    );
  checkFloat(op, 'weight', weight);
  if (indices.dtype !== 'int32')
    throw new DTypeError(`${op}: expected int32 indices, got ${indices.dtype} of shape ${formatShape(indices.shape)}`);
  const [V, D] = weight.shape as [number, number];
  checkIndices(op, 'index', indices, V);
  let pad: number | null = null;
  if (paddingIdx !== undefined && paddingIdx !== null) {
    if (!Number.isInteger(paddingIdx) || paddingIdx < -V || paddingIdx >= V) {
      throw new IndexError(
        `${op}: paddingIdx must be within the ${V} embeddings ([-${V}, ${V - 1}]), got ${paddingIdx}`,
      );
    }
    pad = paddingIdx < 0 ? paddingIdx + V : paddingIdx;
  }
  const flat = reshape(indices, [-1]);
  return defineOp(
    'EmbeddingBackward0',
    [weight],
    () => reshape(selectAlong(weight, 0, flat), [...indices.shape, D]),
    NOTHING_SAVED,
    embeddingBackward,
    { flat, pad, V, D },
  );
}

interface EmbeddingAttrs {
  readonly flat: Tensor;
  readonly pad: number | null;
  readonly V: number;
  readonly D: number;
}

/** The output's rows scatter-added into the rows they came from; the padding row gets none. */
function embeddingBackward(g: Tensor, _saved: readonly Tensor[], { flat, pad, V, D }: EmbeddingAttrs): Tensor[] {
  const M = flat.shape[0]!;
  let rows = reshape(g, [M, D]);
  if (pad !== null) rows = where(unsqueeze(eq(flat, pad), -1), 0, rows);
  const index = expand(unsqueeze(flat, -1), [M, D]);
  return [scatterAddOp(zeros([V, D], { dtype: g.dtype, device: g.device }), 0, index, rows)];
}
