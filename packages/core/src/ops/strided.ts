import { contiguousStrides, formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { viewOf, viewOp, wrap } from './dispatch.js';
import { OpNode, type Node } from '../autograd/node.js';
import { reshape } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { IndexError, ShapeError, ValueError } from '../errors.js';

/**
 * Strided views and their gradients. Every view that picks elements by layout arithmetic
 * (slice, narrow, select, diagonal windows, `asStrided`) has the same gradient: the incoming
 * gradient added into zeros at the view's positions (the `scatterView` primitive). That scatter
 * is itself an op whose gradient is the strided gather again, so the two ops below reference
 * each other and double backward works through any view.
 */

/** A layout: strides and offset, in elements. */
export interface Layout {
  readonly strides: readonly number[];
  readonly offset: number;
}

interface GatherAttrs {
  readonly size: number;
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * The elements of a 1-D tensor `src` at a strided layout over its (logical) element order: a
 * view. Its gradient is {@link scatterStrided}.
 */
export function gatherStrided(
  src: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Tensor {
  const s = src.ndim === 0 ? 1 : src.strides[0]!;
  const y = viewOf(
    src,
    shape,
    strides.map((k) => k * s),
    src.offset + offset * s,
  );
  return defineOp(
    'AsStridedBackward0',
    [src],
    y,
    NOTHING_SAVED,
    (g, _s, a: GatherAttrs) => [scatterStrided(g, a.size, a.strides, a.offset)],
    {
      size: src.numel(),
      strides,
      offset,
    },
  );
}

/**
 * A 1-D tensor of `size` zeros to which `g` is added at the strided layout (`g.shape`,
 * `strides`, `offset`): the gradient of every view. Differentiable (its gradient is the
 * strided gather), so views support double backward.
 */
export function scatterStrided(g: Tensor, size: number, strides: readonly number[], offset: number): Tensor {
  const backend = g.backend;
  const y = wrap(backend, backend.kernels.scatterView(g, size, strides, offset, g.dtype), [size], g.dtype);
  return defineOp(
    'AsStridedScatterBackward0',
    [g],
    y,
    NOTHING_SAVED,
    (gg, _s, a: GatherAttrs & { shape: readonly number[] }) => [gatherStrided(gg, a.shape, a.strides, a.offset)],
    {
      size,
      strides,
      offset,
      shape: g.shape,
    },
  );
}

interface ViewAttrs {
  readonly input: readonly number[];
  readonly logical: Layout;
}

/**
 * A view of `x` whose layout is `place(strides, offset)` applied to x's layout: `place` is the
 * layout arithmetic of the view (for a slice, the dim's stride times the step and the offset
 * moved to the start). Applied to x's actual layout it gives the view; applied to x's
 * contiguous layout it gives the positions the gradient is scattered to.
 */
export function layoutView(
  x: Tensor,
  name: string,
  shape: readonly number[],
  place: (strides: readonly number[], offset: number) => Layout,
): Tensor {
  const actual = place(x.strides, x.offset);
  const logical = place(contiguousStrides(x.shape), 0);
  return defineOp(name, [x], viewOp(x, shape, actual.strides, actual.offset), NOTHING_SAVED, viewBackward, {
    input: x.shape,
    logical,
  });
}

function viewBackward(g: Tensor, _s: readonly Tensor[], a: ViewAttrs): Tensor[] {
  return [reshape(scatterStrided(g, numel(a.input), a.logical.strides, a.logical.offset), a.input)];
}

interface AsStridedAttrs {
  readonly input: { readonly shape: readonly number[]; readonly strides: readonly number[]; readonly offset: number };
  readonly storageSize: number;
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * torch.as_strided: a view of `x`'s storage with any shape, strides and offset (the storage
 * offset, x's own by default). Low-level: the caller keeps the layout inside the storage.
 * The gradient scatters into a zero storage and reads it back at x's layout, which is exact when
 * x's own elements do not overlap in storage (every tensor that is not an expanded view).
 */
export function asStrided(x: Tensor, shape: readonly number[], strides: readonly number[], offset = x.offset): Tensor {
  if (shape.length !== strides.length) {
    throw new ShapeError(
      `asStrided: mismatch in length of strides and shape: shape ${formatShape(shape)} has ${shape.length} dims, strides ${formatShape(strides)} has ${strides.length}`,
    );
  }
  const size = x._store.size;
  let last = offset;
  let first = offset;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (!Number.isInteger(d) || d < 0)
      throw new ValueError(`asStrided: invalid size ${d} in shape ${formatShape(shape)}`);
    if (!Number.isInteger(strides[i]) || strides[i]! < 0)
      throw new ValueError(`asStrided: strides must be non-negative integers, got ${formatShape(strides)}`);
    if (d === 0) {
      first = last = offset;
      break;
    }
    last += (d - 1) * strides[i]!;
  }
  if (numel(shape) > 0 && (first < 0 || last >= size || !Number.isInteger(offset))) {
    throw new IndexError(
      `asStrided: setStorage: sizes ${formatShape(shape)}, strides ${formatShape(strides)}, storage offset ${offset} ` +
        `require a storage of at least ${last + 1} elements, but the storage has ${size}`,
    );
  }
  const y = viewOp(x, shape, strides, offset);
  return defineOp('AsStridedBackward0', [x], y, NOTHING_SAVED, asStridedBackward, asStridedAttrs(x, y));
}

function asStridedAttrs(x: Tensor, y: Tensor): AsStridedAttrs {
  return {
    input: { shape: x.shape, strides: x.strides, offset: x.offset },
    storageSize: x._store.size,
    strides: y.strides,
    offset: y.offset,
  };
}

/**
 * The node of `view` read afresh from `base`'s current history, after an in-place write to
 * their storage (see autograd/view-history.ts): `asStrided(base, view's layout)`'s node.
 */
export function asStridedGradFn(base: Tensor, view: Tensor): Node {
  const nrs = base._outputNr !== 0 && base._gradFn !== null ? [base._outputNr] : null;
  return new OpNode(
    'AsStridedBackward0',
    [base._edgeNode()],
    nrs,
    asStridedBackward,
    asStridedAttrs(base, view),
    NOTHING_SAVED,
  );
}

function asStridedBackward(g: Tensor, _s: readonly Tensor[], a: AsStridedAttrs): Tensor[] {
  const buffer = scatterStrided(g, a.storageSize, a.strides, a.offset);
  return [gatherStrided(buffer, a.input.shape, a.input.strides, a.input.offset)];
}
