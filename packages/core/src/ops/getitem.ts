import type { Tensor } from '../tensor.js';
import { planIndex, takeIndexed } from './advanced-index.js';
import { applyBasic, readIndexValues, splitExpr, type IndexSpec } from './index-spec.js';

/**
 * PyTorch's `x[...]`: `x.index(1, '1:3', '::2', null, '...')` for `x[1, 1:3, ::2, None, ...]`,
 * `x.index(rows, cols)` for `x[rows, cols]`, `x.index(mask)` for `x[mask]`. With only integers,
 * ranges, null and '...' the result is a view of the same storage; with tensors or arrays it is a
 * new tensor (advanced indexing, IndexBackward0). A bool mask's result has as many rows as the
 * mask has true values, so on a device that keeps values off the host it needs `indexAsync`.
 */
export function index(x: Tensor, ...specs: readonly IndexSpec[]): Tensor {
  const { view, tensors } = applyBasic('index', x, specs, 'x.indexAsync(...)');
  if (tensors.length === 0) return view;
  return takeIndexed(view, planIndex('index', view, tensors));
}

/** {@link index} on any device: the values a bool mask or a 0-d index holds are read back first. */
export async function indexAsync(x: Tensor, ...specs: readonly IndexSpec[]): Promise<Tensor> {
  return index(x, ...(await readIndexValues(specs)));
}

/**
 * The string form of {@link index}: `x.get('1, 1:3, ::2, None, ...')` is PyTorch's
 * `x[1, 1:3, ::2, None, ...]`, and `x.get('[0, 2], :')` is `x[[0, 2], :]`.
 *
 * @example
 * ```ts example
 * import { arange } from '@ag/core';
 *
 * const x = arange(6).reshape([2, 3]); // [[0, 1, 2], [3, 4, 5]]
 * console.log(x.get('1'));
 * console.log(x.get(':, 1:'));
 * console.log(x.get('[1, 0], -1'));
 * ```
 *
 * ```text
 * tensor([3, 4, 5])
 * tensor([[1, 2],
 *         [4, 5]])
 * tensor([5, 2])
 * ```
 */
export function get(x: Tensor, expr: string): Tensor {
  return index(x, ...splitExpr('get', expr));
}
