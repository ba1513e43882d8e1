import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { hostValues } from '../read.js';
import { checkIndexRange } from './index-range.js';
import { fromHost, scalarTensor } from './dispatch.js';
import { eq, where } from './elementwise.js';
import { arange } from './creation.js';
import { unsqueeze } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { DTypeError, DeviceError, ShapeError, ValueError } from '../errors.js';

/** Triangular masks (tril, triu) and oneHot. */

function triangle(op: 'tril' | 'triu', x: Tensor, diagonal: number): Tensor {
  if (x.ndim < 2)
    throw new ShapeError(`${op}: input tensor must have at least 2 dimensions, got shape ${formatShape(x.shape)}`);
  if (!Number.isInteger(diagonal)) throw new ValueError(`${op}: diagonal must be an integer, got ${diagonal}`);
  const rows = x.shape[x.ndim - 2]!;
  const cols = x.shape[x.ndim - 1]!;
  const keep = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) keep[i * cols + j] = (op === 'tril' ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  }
  const mask = fromHost(x.backend, keep, [rows, cols], 'bool');
  const name = op === 'tril' ? 'TrilBackward0' : 'TriuBackward0';
  return defineOp(
    name,
    [x],
    () => where(mask, x, scalarTensor(0, x.dtype, x.backend)),
    NOTHING_SAVED,
    (g) => [triangle(op, g, diagonal)],
    null,
  );
}

/** torch.tril: the lower triangle of the last two dims (on and below `diagonal`), zeros elsewhere. */
export const tril = (x: Tensor, diagonal = 0): Tensor => triangle('tril', x, diagonal);
/** torch.triu: the upper triangle of the last two dims (on and above `diagonal`), zeros elsewhere. */
export const triu = (x: Tensor, diagonal = 0): Tensor => triangle('triu', x, diagonal);

/**
 * torch.nn.functional.one_hot: int32 indices to an int32 tensor with a trailing dim of
 * `numClasses` (by default one more than the largest index, which needs the values on the host).
 */
export function oneHot(indices: Tensor, numClasses = -1): Tensor {
  if (indices.dtype !== 'int32')
    throw new DTypeError(
      `oneHot: one_hot is only applicable to index tensors of dtype int32 (PyTorch: int64), got ${indices.dtype}`,
    );
  let n = numClasses;
  if (n === -1) {
    const values = indices.backend.readSync === undefined ? null : hostValues(indices, 'oneHot');
    if (values === null)
      throw new DeviceError(
        `oneHot: pass numClasses on device '${indices.device}' (inferring it needs the values on the host)`,
      );
    if (values.length === 0)
      throw new ValueError('oneHot: can not infer total number of classes from empty tensor; pass numClasses');
    n = Math.max(...values) + 1;
  }
  if (!Number.isInteger(n) || n < 0)
    throw new ValueError(`oneHot: numClasses must be a non-negative integer or -1, got ${numClasses}`);
  checkIndexRange('oneHot', indices, n, null, (v) =>
    v < 0
      ? `oneHot: class values must be non-negative, got ${v}`
      : `oneHot: class values must be smaller than numClasses (${n}), got ${v}`,
  );
  return eq(unsqueeze(indices, indices.ndim), arange(n, undefined, 1, { dtype: 'int32', device: indices.device })).to(
    'int32',
  );
}
