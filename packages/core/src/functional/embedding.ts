import { detach } from '../ops/convert.js';
import { eq, where } from '../ops/elementwise.js';
import { selectAlong } from '../ops/indexing.js';
import { reshape, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkIndices } from './common.js';

/**
 * Rows of `weight` [V, D] at int32 `indices` (any shape): [...indices.shape, D]. The gradient
 * scatter-adds into the rows used; the row `paddingIdx` gets none (its output is detached).
 */
export function embedding(indices: Tensor, weight: Tensor, paddingIdx?: number | null): Tensor {
  const op = 'embedding';
  if (weight.ndim !== 2) throw new Error(`${op}: expected weight of 2 dims [numEmbeddings, embeddingDim], got ${formatShape(weight.shape)}`);
  checkFloat(op, 'weight', weight);
  if (indices.dtype !== 'int32') throw new Error(`${op}: expected int32 indices, got ${indices.dtype} of shape ${formatShape(indices.shape)}`);
  const [V, D] = weight.shape as [number, number];
  checkIndices(op, 'index', indices, V);
  const rows = reshape(selectAlong(weight, 0, reshape(indices, [-1])), [...indices.shape, D]);
  if (paddingIdx === undefined || paddingIdx === null) return rows;
  if (!Number.isInteger(paddingIdx) || paddingIdx < -V || paddingIdx >= V) {
    throw new Error(`${op}: paddingIdx must be within the ${V} embeddings ([-${V}, ${V - 1}]), got ${paddingIdx}`);
  }
  const pad = paddingIdx < 0 ? paddingIdx + V : paddingIdx;
  return where(unsqueeze(eq(indices, pad), -1), detach(rows), rows);
}
