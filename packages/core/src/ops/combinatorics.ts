import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { finish, target, type CreationOptions } from './creation-options.js';
import { fromHost } from './dispatch.js';
import { indexSelect } from './indexing.js';
import { stack } from './join.js';
import { meshgrid } from './ranges.js';
import { reshape } from './view.js';
import { ShapeError, ValueError } from '../errors.js';

/** Index sets: the triangles' coordinates, Cartesian products and combinations. */

function triangleIndices(
  op: 'trilIndices' | 'triuIndices',
  row: number,
  col: number,
  offset: number,
  options?: CreationOptions,
): Tensor {
  for (const [name, v] of [
    ['row', row],
    ['col', col],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new ValueError(`${op}: ${name} must be non-negative, got ${v}`);
  }
  if (!Number.isInteger(offset)) throw new ValueError(`${op}: offset must be an integer, got ${offset}`);
  const { backend, dtype } = target(op, options, 'int32');
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < row; i++) {
    for (let j = 0; j < col; j++) {
      if (op === 'trilIndices' ? j - i <= offset : j - i >= offset) {
        rows.push(i);
        cols.push(j);
      }
    }
  }
  return finish(fromHost(backend, [...rows, ...cols], [2, rows.length], dtype), options);
}

/**
 * torch.tril_indices: the coordinates of the lower triangle of a row x col matrix (on and below
 * the diagonal `offset`), as a 2 x N tensor of rows then columns, in row-major order. int32
 * (PyTorch's int64) unless `dtype` says otherwise.
 */
export function trilIndices(row: number, col: number, offset = 0, options?: CreationOptions): Tensor {
  return triangleIndices('trilIndices', row, col, offset, options);
}

/** torch.triu_indices: as `trilIndices`, for the upper triangle (on and above `offset`). */
export function triuIndices(row: number, col: number, offset = 0, options?: CreationOptions): Tensor {
  return triangleIndices('triuIndices', row, col, offset, options);
}

function checkVector(op: string, t: Tensor): void {
  if (t.ndim !== 1) throw new ShapeError(`${op}: expect a 1D vector, but got shape ${formatShape(t.shape)}`);
}

/**
 * torch.cartesian_prod: every tuple of one element from each vector, in row-major order, as the
 * rows of a matrix (StackBackward0); a single vector is returned as it is, as in PyTorch.
 */
export function cartesianProd(...tensors: Tensor[]): Tensor {
  if (tensors.length === 0) throw new ValueError('cartesianProd: expects a non-empty list of tensors');
  for (const t of tensors) checkVector('cartesianProd', t);
  if (tensors.length === 1) return tensors[0]!;
  return stack(
    meshgrid(tensors).map((g) => reshape(g, [-1])),
    1,
  );
}

/**
 * torch.combinations: the r-element combinations of a vector's elements (with repeats when
 * `withReplacement`), in lexicographic order of positions, as the rows of a matrix
 * (StackBackward0, gradients flow to the elements). r = 0 gives an empty vector.
 */
export function combinations(x: Tensor, r = 2, withReplacement = false): Tensor {
  checkVector('combinations', x);
  if (!Number.isInteger(r) || r < 0) throw new ValueError(`combinations: expect a non-negative number, but got ${r}`);
  if (r === 0) return fromHost(x.backend, [], [0], x.dtype);
  const n = x.shape[0]!;
  const columns: number[][] = Array.from({ length: r }, () => []);
  // One array of chosen positions, overwritten depth by depth (no copy per combination).
  const chosen = new Array<number>(r);
  const pick = (depth: number, from: number): void => {
    if (depth === r) {
      chosen.forEach((c, k) => columns[k]!.push(c));
      return;
    }
    for (let i = from; i < n; i++) {
      chosen[depth] = i;
      pick(depth + 1, withReplacement ? i : i + 1);
    }
  };
  pick(0, 0);
  return stack(
    columns.map((c) => indexSelect(x, 0, fromHost(x.backend, c, [c.length], 'int32'))),
    1,
  );
}
