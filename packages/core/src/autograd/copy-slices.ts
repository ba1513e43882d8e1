import type { Tensor } from '../tensor.js';
import { Node } from './node.js';
import { gatherStrided, scatterStrided } from '../ops/strided.js';
import { onesLike, zerosLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';

/** Where a tensor lies in its storage. */
interface Geometry {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

function geometryOf(t: Tensor): Geometry {
  return { shape: t.shape, strides: t.strides, offset: t.offset };
}

/**
 * PyTorch's CopySlices (torch/csrc/autograd/functions/tensor.cpp): the node a base gets when one
 * of its views is written in place while recording. `fn` is the in-place op's node, whose input 0
 * is the view's old values; CopySlices takes fn's edges as its own, except input 0, which goes to
 * the base's history before the write. Its backward reads the base's gradient at the view's
 * place, runs fn on that part, and puts fn's gradient for the view's old values back in that
 * place; the rest of the base's gradient passes through unchanged.
 *
 * Positions are storage positions (the view and base layouts as they are), so any view of any
 * layout works, as PyTorch's `as_strided` on a gradient laid out as the base.
 */
export class CopySlices extends Node {
  readonly name = 'CopySlices';
  private readonly base: Geometry;
  private readonly view: Geometry;
  private readonly storageSize: number;

  constructor(
    base: Tensor,
    view: Tensor,
    private readonly fn: Node,
  ) {
    const baseNode = base._edgeNode();
    const baseNr = base._gradFn === null ? 0 : base._outputNr;
    const nodes = [baseNode, ...fn.nextNodes.slice(1)];
    const fnNrs = fn.nextNrs;
    const nrs = baseNr === 0 && fnNrs === null ? null : [baseNr, ...(fnNrs ?? fn.nextNodes.map(() => 0)).slice(1)];
    super(nodes, nrs);
    this.base = geometryOf(base);
    this.view = geometryOf(view);
    this.storageSize = base._store.size;
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    const grad = grads[0];
    const out: (Tensor | null)[] = this.nextNodes.map(() => null);
    if (grad === null || grad === undefined) return out;
    const { base, view, storageSize } = this;
    // The base's gradient laid out in storage positions, and its part at the view.
    const buffer = scatterStrided(grad, storageSize, base.strides, base.offset);
    const slice = gatherStrided(buffer, view.shape, view.strides, view.offset);
    const res = this.fn.apply([slice]);
    for (let i = 1; i < out.length; i++) out[i] = res[i] ?? null;
    if (this.nextNodes[0] !== null) {
      // The view's place takes fn's gradient for its old values (zeros when it gives none);
      // `where`, not arithmetic, so the rest passes through exactly.
      const inView = scatterStrided(onesLike(slice), storageSize, view.strides, view.offset).ne(0);
      // In the base's gradient's dtype: fn may have computed in a wider one (a float64 operand).
      const own = res[0] ?? zerosLike(slice);
      const part = scatterStrided(
        own.dtype === slice.dtype ? own : own.to(slice.dtype),
        storageSize,
        view.strides,
        view.offset,
      );
      out[0] = gatherStrided(where(inView, part, buffer), base.shape, base.strides, base.offset);
    }
    return out;
  }

  override release(): void {
    this.fn.release();
  }

  override get savedTensors(): readonly Tensor[] {
    return this.fn.savedTensors;
  }

  override get keepsNothing(): boolean {
    return this.fn.keepsNothing;
  }

  override checkRunnable(): void {
    this.fn.checkRunnable();
  }
}
