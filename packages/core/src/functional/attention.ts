import { arange } from '../ops/creation.js';
import { add, ge, mul, where } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { reshape, transpose } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { softmax } from '../ops/activations.js';
import { checkFloat } from './common.js';
import { dropout } from './dropout.js';
import { ShapeError, ValueError } from '../errors.js';

export interface AttentionOptions {
  /** bool: true where a query may attend to a key; float: added to the scores. Broadcasts to [..., L, S]. */
  attnMask?: Tensor | null;
  /** Each query attends to the keys up to its own position (a lower-triangular mask). */
  isCausal?: boolean;
  /** Multiplies q k^T; 1 / sqrt(E) by default. */
  scale?: number;
  /** Dropout on the attention weights (always applied when > 0, as PyTorch's function does). */
  dropoutP?: number;
}

/**
 * softmax(q k^T * scale + mask) v for q [..., L, E], k [..., S, E], v [..., S, Ev], as
 * torch.nn.functional.scaled_dot_product_attention computes it.
 */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, options: AttentionOptions = {}): Tensor {
  const op = 'scaledDotProductAttention';
  checkFloat(op, 'query', q);
  if (q.ndim < 2 || k.ndim < 2 || v.ndim < 2) {
    throw new ShapeError(
      `${op}: expected query, key and value of at least 2 dims [..., L, E], got ${formatShape(q.shape)}, ${formatShape(k.shape)} and ${formatShape(v.shape)}`,
    );
  }
  const E = q.shape[q.ndim - 1]!;
  const L = q.shape[q.ndim - 2]!;
  const S = k.shape[k.ndim - 2]!;
  if (k.shape[k.ndim - 1] !== E || v.shape[v.ndim - 2] !== S) {
    throw new ShapeError(
      `${op}: expected key [..., S, E] with E = ${E} (from query ${formatShape(q.shape)}) and value [..., S, Ev] with key's S, ` +
        `got key ${formatShape(k.shape)} and value ${formatShape(v.shape)}`,
    );
  }
  const mask = options.attnMask ?? null;
  if (options.isCausal === true && mask !== null)
    throw new ValueError(`${op}: an explicit attnMask should not be set when isCausal is true`);
  const scale = options.scale ?? 1 / Math.sqrt(E);
  let scores = mul(matmul(q, transpose(k, -2, -1)), scale);
  if (options.isCausal === true) {
    const rows = reshape(arange(L, undefined, 1, { dtype: 'int32', device: q.device }), [L, 1]);
    scores = where(ge(rows, arange(S, undefined, 1, { dtype: 'int32', device: q.device })), scores, -Infinity);
  } else if (mask !== null) {
    scores = mask.dtype === 'bool' ? where(mask, scores, -Infinity) : add(scores, mask);
  }
  let weights = softmax(scores, -1);
  const p = options.dropoutP ?? 0;
  if (p > 0) weights = dropout(weights, p, true);
  return matmul(weights, v);
}
