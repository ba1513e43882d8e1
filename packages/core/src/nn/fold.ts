import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { pyIntOrTuple } from '../format/python-repr.js';

type Size = number | number[];
const repr = (k: Size, o: F.FoldOptions) =>
  `kernel_size=${pyIntOrTuple(k)}, dilation=${pyIntOrTuple((o.dilation as Size | undefined) ?? 1)}, padding=${pyIntOrTuple((o.padding as Size | undefined) ?? 0)}, stride=${pyIntOrTuple((o.stride as Size | undefined) ?? 1)}`;

/** The sliding blocks of an image as columns (torch.nn.Unfold). */
export class Unfold extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: F.FoldOptions = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.unfold(x, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return repr(this.kernelSize, this.options);
  }
}

/** Columns summed back into an image (torch.nn.Fold). */
export class Fold extends Module {
  constructor(
    readonly outputSize: Size,
    readonly kernelSize: Size,
    readonly options: F.FoldOptions = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.fold(x, this.outputSize, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return `output_size=${pyIntOrTuple(this.outputSize)}, ${repr(this.kernelSize, this.options)}`;
  }
}
