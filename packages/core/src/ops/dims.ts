import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { viewOp } from './dispatch.js';
import { stack } from './join.js';
import { defineMultiOutputOp } from './multi-output.js';
import { permute, transpose } from './view.js';
import { IndexError, ValueError } from '../errors.js';

/** Moving and swapping dims (views, as in PyTorch), and unbind. */

/**
 * torch.movedim: the dims `source` moved to the positions `destination`; the other dims keep
 * their order in the places left. A permute (PermuteBackward0).
 */
export function movedim(
  x: Tensor,
  source: number | readonly number[],
  destination: number | readonly number[],
): Tensor {
  const src = typeof source === 'number' ? [source] : [...source];
  const dst = typeof destination === 'number' ? [destination] : [...destination];
  if (src.length !== dst.length) {
    throw new ValueError(
      `movedim: Invalid source or destination dims: source (${formatShape(src)} dims) should contain the same number of dims as destination (${formatShape(dst)} dims)`,
    );
  }
  const s = src.map((d) => normalizeDim('movedim', d, x.ndim));
  const t = dst.map((d) => normalizeDim('movedim', d, x.ndim));
  if (new Set(s).size !== s.length) throw new ValueError(`movedim: repeated dim in \`source\` (${formatShape(src)})`);
  if (new Set(t).size !== t.length)
    throw new ValueError(`movedim: repeated dim in \`destination\` (${formatShape(dst)})`);
  const order = new Array<number>(x.ndim).fill(-1);
  s.forEach((d, i) => (order[t[i]!] = d));
  const rest = x.shape.map((_, d) => d).filter((d) => !s.includes(d));
  let r = 0;
  for (let k = 0; k < order.length; k++) if (order[k] === -1) order[k] = rest[r++]!;
  return permute(x, order);
}

/** torch.moveaxis: NumPy's name for `movedim`. */
export const moveaxis = movedim;

/** torch.swapaxes: NumPy's name for transpose (TransposeBackward0). */
export function swapaxes(x: Tensor, axis0: number, axis1: number): Tensor {
  return transpose(x, axis0, axis1);
}

/** torch.swapdims: transpose under another name. */
export function swapdims(x: Tensor, dim0: number, dim1: number): Tensor {
  return transpose(x, dim0, dim1);
}

/**
 * torch.unbind: the slices of `x` along `dim`, as views, with that dim removed. All are outputs
 * of one node (UnbindBackward0), whose gradient stacks theirs (zeros for those that got none).
 */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  if (x.ndim === 0) throw new IndexError('unbind: dimension specified as 0 but tensor has no dimensions');
  const d = normalizeDim('unbind', dim, x.ndim);
  const shape = x.shape.filter((_, k) => k !== d);
  const strides = x.strides.filter((_, k) => k !== d);
  const outs = Array.from({ length: x.shape[d]! }, (_, i) => viewOp(x, shape, strides, x.offset + i * x.strides[d]!));
  return defineMultiOutputOp('UnbindBackward0', [x], outs, (grads, at: number) => [stack(grads, at)], d);
}
