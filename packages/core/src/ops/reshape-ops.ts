import { formatShape, normalizeDim, normalizeDims } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { fromHost } from './dispatch.js';
import { selectAlong } from './indexing.js';
import { cat } from './join.js';
import { narrow } from './slicing.js';
import { sum } from './reduce.js';
import { expand, reshape } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { ShapeError, ValueError } from '../errors.js';

/** Shape ops built from views and gathers: flatten, unflatten, broadcastTo, repeat, tile, flip, roll. */

/** torch.flatten: dims `startDim..endDim` merged into one (a 0-d tensor becomes 1-D). */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const a = normalizeDim('flatten', startDim, x.ndim);
  const b = normalizeDim('flatten', endDim, x.ndim);
  if (a > b) throw new ValueError(`flatten: start_dim (${a}) cannot come after end_dim (${b})`);
  const merged = x.shape.slice(a, b + 1).reduce((p, s) => p * s, 1);
  return reshape(x, [...x.shape.slice(0, a), merged, ...x.shape.slice(b + 1)]);
}

/** torch.unflatten: `dim` split into `sizes` (one may be -1). */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim('unflatten', dim, x.ndim);
  if (sizes.length === 0) throw new ValueError('unflatten: sizes must be non-empty');
  const n = x.shape[d] ?? 1;
  const known = sizes.filter((s) => s !== -1).reduce((p, s) => p * s, 1);
  const inferred = sizes.filter((s) => s === -1).length;
  if (inferred > 1 || (inferred === 0 && known !== n) || (inferred === 1 && (known === 0 || n % known !== 0))) {
    throw new ShapeError(
      `unflatten: provided sizes ${formatShape(sizes)} don't multiply up to the size of dim ${d} (${n}) in the input tensor of shape ${formatShape(x.shape)}`,
    );
  }
  const resolved = sizes.map((s) => (s === -1 ? n / known : s));
  return reshape(x, [...x.shape.slice(0, d), ...resolved, ...x.shape.slice(d + 1)]);
}

/** torch.broadcast_to: `expand` under NumPy's name. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  return expand(x, shape);
}

/** `x.expandAs(other)`: x expanded to other's shape. */
export function expandAs(x: Tensor, other: Tensor): Tensor {
  return expand(x, other.shape);
}

/** torch.Tensor.repeat: the whole tensor tiled `sizes[i]` times along each dim (sizes may add leading dims). */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw new ShapeError(
      `repeat: number of dimensions of repeat dims (${sizes.length}) can not be smaller than number of dimensions of tensor (${x.ndim}, shape ${formatShape(x.shape)})`,
    );
  }
  if (sizes.some((s) => !Number.isInteger(s) || s < 0))
    throw new ValueError(`repeat: repeats must be non-negative integers, got ${formatShape(sizes)}`);
  const own = [...sizes.slice(0, sizes.length - x.ndim).map(() => 1), ...x.shape];
  const interleaved = own.flatMap((s, i) => [sizes[i]!, s]);
  const out = own.map((s, i) => s * sizes[i]!);
  return defineOp(
    'RepeatBackward0',
    [x],
    () =>
      reshape(
        expand(
          reshape(
            x,
            own.flatMap((s) => [1, s]),
          ),
          interleaved,
        ),
        out,
      ),
    NOTHING_SAVED,
    (g, _s, a: { interleaved: readonly number[]; input: readonly number[] }) => {
      const parts = reshape(g, a.interleaved);
      const summed = sum(
        parts,
        a.interleaved.map((_, i) => i).filter((i) => i % 2 === 0),
      );
      return [reshape(summed, a.input)];
    },
    { interleaved, input: x.shape },
  );
}

/** torch.tile: like repeat, with missing leading repeats taken as 1. */
export function tile(x: Tensor, dims: readonly number[]): Tensor {
  const full = dims.length < x.ndim ? [...x.shape.slice(0, x.ndim - dims.length).map(() => 1), ...dims] : dims;
  return repeat(x, full);
}

/** torch.flip: the order of elements reversed along `dims` (a copy, as in PyTorch). */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  const ds = normalizeDims('flip', dims, x.ndim);
  return defineOp(
    'FlipBackward0',
    [x],
    () => {
      let y = x;
      for (const d of ds) {
        const n = x.shape[d]!;
        const idx = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
        y = selectAlong(y, d, fromHost(x.backend, idx, [n], 'int32'));
      }
      return y;
    },
    NOTHING_SAVED,
    (g, _s, a: readonly number[]) => [flip(g, a)],
    ds,
  );
}

/**
 * torch.roll: elements shifted by `shifts` along `dims`, wrapping around; without dims the
 * tensor is flattened, rolled and restored.
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  const ss = typeof shifts === 'number' ? [shifts] : [...shifts];
  if (dims === undefined || (typeof dims !== 'number' && dims.length === 0)) {
    if (ss.length !== 1)
      throw new ValueError(`roll: without dims, shifts must be a single number, got ${formatShape(ss)}`);
    return reshape(roll(flatten(x), ss[0]!, 0), x.shape);
  }
  const ds = (typeof dims === 'number' ? [dims] : dims).map((d) => normalizeDim('roll', d, x.ndim));
  if (ds.length !== ss.length)
    throw new ValueError(`roll: shifts and dimensions must align. shifts: ${ss.length}, dims: ${ds.length}`);
  return defineOp(
    'RollBackward0',
    [x],
    () => {
      let y = x;
      ds.forEach((d, i) => {
        const n = x.shape[d]!;
        const s = n === 0 ? 0 : ((ss[i]! % n) + n) % n;
        if (s !== 0) y = cat([narrow(y, d, n - s, s), narrow(y, d, 0, n - s)], d);
      });
      return y;
    },
    NOTHING_SAVED,
    (g, _s, a: { ss: readonly number[]; ds: readonly number[] }) => [
      roll(
        g,
        a.ss.map((v) => -v),
        a.ds,
      ),
    ],
    { ss, ds },
  );
}
