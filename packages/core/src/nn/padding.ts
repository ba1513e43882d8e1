import type { Tensor } from '../tensor.js';
import { formatShape } from '../shape.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { pyFloat, pyTuple } from '../format/python-repr.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * The padding layers (torch.nn.ZeroPad2d, ReflectionPad1d, ...): F.pad with amounts fixed at
 * construction, as PyTorch keeps them: (left, right) for 1-D, (left, right, top, bottom) for 2-D.
 */

type Mode = 'constant' | 'reflect' | 'replicate' | 'circular';
type Padding = number | readonly number[];

abstract class PadNd extends Module {
  /** The amounts, last dim first, as F.pad takes them. */
  readonly padding: number[];

  constructor(
    private readonly spatial: 1 | 2,
    padding: Padding,
    private readonly mode: Mode,
    readonly value = 0,
  ) {
    super();
    const n = 2 * spatial;
    const list = typeof padding === 'number' ? new Array<number>(n).fill(padding) : [...padding];
    if (list.length !== n || !list.every(Number.isInteger)) {
      throw new ValueError(
        `${this.constructor.name}: expected padding to be an integer or ${n} of them, got ${formatShape(typeof padding === 'number' ? [padding] : padding)}`,
      );
    }
    this.padding = list;
  }

  forward(x: Tensor): Tensor {
    // The non-constant modes pad a batched or unbatched input only, as PyTorch's kernels.
    const s = this.spatial;
    if (this.mode !== 'constant' && x.ndim !== s + 1 && x.ndim !== s + 2) {
      throw new ShapeError(
        `${this.constructor.name}: expected input with ${s + 2} dims (or ${s + 1} unbatched), got ${formatShape(x.shape)}`,
      );
    }
    return F.pad(x, this.padding, { mode: this.mode, value: this.value });
  }

  override extraRepr(): string {
    return pyTuple(this.padding);
  }
}

/** The constant layers print their value too (torch.nn's _ConstantPadNd.extra_repr); ZeroPad*d do not. */
abstract class ConstantPadNd extends PadNd {
  override extraRepr(): string {
    return `padding=${pyTuple(this.padding)}, value=${pyFloat(this.value)}`;
  }
}

/**
 * The base of one padding layer: `spatial` trailing dims padded in `mode`. Each layer below is a
 * class of its own name (what errors and printing show) extending one of these.
 */
function padLayer(spatial: 1 | 2, mode: Mode): new (padding: Padding) => PadNd {
  return class extends PadNd {
    constructor(padding: Padding) {
      super(spatial, padding, mode);
    }
  };
}

/** {@link padLayer} for the constant layers, which take their value. */
function constantPadLayer(spatial: 1 | 2): new (padding: Padding, value: number) => ConstantPadNd {
  return class extends ConstantPadNd {
    constructor(padding: Padding, value: number) {
      super(spatial, padding, 'constant', value);
    }
  };
}

/** Pads the last dim with zeros (torch.nn.ZeroPad1d). */
export class ZeroPad1d extends padLayer(1, 'constant') {}

/** Pads the last two dims with zeros (torch.nn.ZeroPad2d). */
export class ZeroPad2d extends padLayer(2, 'constant') {}

/** Pads the last dim with a constant (torch.nn.ConstantPad1d). */
export class ConstantPad1d extends constantPadLayer(1) {}

/** Pads the last two dims with a constant (torch.nn.ConstantPad2d). */
export class ConstantPad2d extends constantPadLayer(2) {}

/** Pads the last dim with its reflection, the edge not repeated (torch.nn.ReflectionPad1d). */
export class ReflectionPad1d extends padLayer(1, 'reflect') {}

/** Pads the last two dims with their reflection (torch.nn.ReflectionPad2d). */
export class ReflectionPad2d extends padLayer(2, 'reflect') {}

/** Pads the last dim by repeating its edge (torch.nn.ReplicationPad1d). */
export class ReplicationPad1d extends padLayer(1, 'replicate') {}

/** Pads the last two dims by repeating their edges (torch.nn.ReplicationPad2d). */
export class ReplicationPad2d extends padLayer(2, 'replicate') {}

/** Pads the last dim by wrapping around (torch.nn.CircularPad1d). */
export class CircularPad1d extends padLayer(1, 'circular') {}

/** Pads the last two dims by wrapping around (torch.nn.CircularPad2d). */
export class CircularPad2d extends padLayer(2, 'circular') {}
