import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { clone } from './convert.js';
import { sub } from './elementwise.js';
import { logicalXor } from './binary-math.js';
import { cat } from './join.js';
import { narrow } from './slicing.js';
import { ShapeError, ValueError } from '../errors.js';

export interface DiffOptions {
  /** Values joined before the input along `dim` (same shape elsewhere). */
  readonly prepend?: Tensor | null;
  /** Values joined after it. */
  readonly append?: Tensor | null;
}

/**
 * torch.diff: the n-th forward difference along `dim` (default the last), after joining
 * `prepend` and `append`; bools differ by xor. Composed of narrow and sub as PyTorch's, so its
 * grad_fn is SubBackward0. n = 0 gives a copy of the input (without prepend/append, as PyTorch);
 * n past the length gives an empty result.
 */
export function diff(x: Tensor, n = 1, dim = -1, options: DiffOptions = {}): Tensor {
  if (x.ndim === 0) throw new ShapeError('diff: expects input to be at least one-dimensional');
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`diff: order must be non-negative but got ${n}`);
  const d = normalizeDim('diff', dim, x.ndim);
  const parts: Tensor[] = [];
  for (const [what, t] of [
    ['prepend', options.prepend],
    ['append', options.append],
  ] as const) {
    if (t === null || t === undefined) continue;
    if (t.ndim !== x.ndim || t.shape.some((s, i) => i !== d && s !== x.shape[i]))
      throw new ShapeError(
        `diff: expected ${what} to have the input's shape ${formatShape(x.shape)} except along dim ${d}, got ${formatShape(t.shape)}`,
      );
  }
  if (n === 0) return clone(x);
  if (options.prepend) parts.push(options.prepend);
  parts.push(x);
  if (options.append) parts.push(options.append);
  let r = parts.length === 1 ? x : cat(parts, d);
  for (let k = 0; k < n && r.shape[d]! > 0; k++) {
    const len = r.shape[d]! - 1;
    const ahead = narrow(r, d, 1, len);
    const behind = narrow(r, d, 0, len);
    r = r.dtype === 'bool' ? logicalXor(ahead, behind) : sub(ahead, behind);
  }
  return r;
}
