import { contiguousStrides, formatShape, normalizeDim, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { clone } from './convert.js';
import { sum } from './reduce.js';
import { layoutView, scatterStrided } from './strided.js';
import { expand, reshape } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { ShapeError, ValueError } from '../errors.js';

/** Diagonals: the `diagonal` view, `diag`, `diagEmbed` and `trace`. */

/** Both dims of a diagonal, normalized, and the check that they differ (PyTorch's wording). */
function diagonalDims(op: string, dim1: number, dim2: number, ndim: number): [number, number] {
  const a = normalizeDim(op, dim1, ndim);
  const b = normalizeDim(op, dim2, ndim);
  if (a === b) throw new ValueError(`${op}: diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return [a, b];
}

function checkOffset(op: string, offset: number): void {
  if (!Number.isInteger(offset)) throw new ValueError(`${op}: offset must be an integer, got ${offset}`);
}

/**
 * Where the diagonal `offset` of dims `a`, `b` lies in a tensor of `shape` and layout
 * (`strides`, `offset0`): the other dims in order, then the diagonal (PyTorch's layout
 * arithmetic: one step along it is a step along both dims; above the main diagonal it starts
 * `offset` along `b`, below it `-offset` along `a`).
 */
function diagonalLayout(
  shape: readonly number[],
  strides: readonly number[],
  offset0: number,
  offset: number,
  a: number,
  b: number,
): { shape: number[]; strides: number[]; offset: number } {
  const n = Math.max(
    0,
    offset >= 0 ? Math.min(shape[a]!, shape[b]! - offset) : Math.min(shape[a]! + offset, shape[b]!),
  );
  const other = (_: number, k: number) => k !== a && k !== b;
  return {
    shape: [...shape.filter(other), n],
    strides: [...strides.filter(other), strides[a]! + strides[b]!],
    // An empty diagonal keeps the offset: the start might lie past the end of the storage.
    offset: n === 0 ? offset0 : offset0 + (offset >= 0 ? offset * strides[b]! : -offset * strides[a]!),
  };
}

/**
 * torch.diagonal: a view of the diagonal `offset` (above the main one when positive) of dims
 * `dim1` and `dim2`, which are removed; the diagonal becomes the last dim.
 */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  checkOffset('diagonal', offset);
  const [a, b] = diagonalDims('diagonal', dim1, dim2, x.ndim);
  return diagonalView(x, offset, a, b);
}

function diagonalView(x: Tensor, offset: number, a: number, b: number): Tensor {
  const shape = diagonalLayout(x.shape, x.strides, 0, offset, a, b).shape;
  return layoutView(x, 'DiagonalBackward0', shape, (s, o) => diagonalLayout(x.shape, s, o, offset, a, b));
}

/**
 * A tensor of `shape` holding zeros, with `g` on its diagonal `offset` of dims `a`, `b` (g's
 * shape is that diagonal's): diag_embed's forward and diagonal's gradient. Differentiable
 * (a strided scatter), so gradients of gradients work.
 */
function onDiagonal(g: Tensor, shape: readonly number[], offset: number, a: number, b: number): Tensor {
  const at = diagonalLayout(shape, contiguousStrides(shape), 0, offset, a, b);
  return reshape(scatterStrided(g, numel(shape), at.strides, at.offset), shape);
}

interface EmbedAttrs {
  readonly offset: number;
  readonly a: number;
  readonly b: number;
}

/**
 * torch.diag_embed: the last dim of `x` put on the diagonal `offset` of two new dims `dim1`
 * and `dim2` of the result (of size n + |offset|), zeros elsewhere.
 */
export function diagEmbed(x: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  checkOffset('diagEmbed', offset);
  if (x.ndim === 0) throw new ShapeError('diagEmbed: expected a tensor of at least 1 dimension, got a 0-dim tensor');
  const [a, b] = diagonalDims('diagEmbed', dim1, dim2, x.ndim + 1);
  const n = x.shape[x.ndim - 1]! + Math.abs(offset);
  const rest = x.shape.slice(0, -1);
  let r = 0;
  const shape = Array.from({ length: x.ndim + 1 }, (_, k) => (k === a || k === b ? n : rest[r++]!));
  return defineOp(
    'DiagEmbedBackward0',
    [x],
    () => onDiagonal(x, shape, offset, a, b),
    NOTHING_SAVED,
    (g, _s, at: EmbedAttrs) => [diagonalView(g, at.offset, at.a, at.b)],
    { offset, a, b },
  );
}

/**
 * torch.diag: of a vector, the square matrix with it on the diagonal `diagonal`; of a matrix,
 * a copy of that diagonal (as PyTorch, whose node there is diagonal_copy's).
 */
export function diag(x: Tensor, diagonal = 0): Tensor {
  checkOffset('diag', diagonal);
  if (x.ndim === 1) return diagEmbed(x, diagonal);
  if (x.ndim !== 2)
    throw new ShapeError(`diag: supports 1D or 2D tensors. Got ${x.ndim}D (shape ${formatShape(x.shape)})`);
  return defineOp(
    'DiagonalBackward0_copy',
    [x],
    () => clone(diagonalView(x, diagonal, 0, 1)),
    NOTHING_SAVED,
    (g, _s, input: readonly number[]) => [onDiagonal(g, input, diagonal, 0, 1)],
    x.shape,
  );
}

/** torch.trace: the sum of a matrix's main diagonal (ints sum to int32, PyTorch's int64). */
export function trace(x: Tensor): Tensor {
  if (x.ndim !== 2)
    throw new ShapeError(`trace: expected a matrix, but got tensor with dim ${x.ndim} (shape ${formatShape(x.shape)})`);
  return defineOp(
    'TraceBackward0',
    [x],
    () => sum(diagonalView(x, 0, 0, 1)),
    NOTHING_SAVED,
    (g, _s, input: readonly number[]) => [onDiagonal(expand(g, [Math.min(input[0]!, input[1]!)]), input, 0, 0, 1)],
    x.shape,
  );
}
