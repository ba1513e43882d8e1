import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { pyBool, pyIntOrTuple } from '../format/python-repr.js';

export interface PoolOptions {
  stride?: number | [number, number];
  padding?: number | [number, number];
  /** Rounds the output size up (a last, partial window). */
  ceilMode?: boolean;
}

export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: number | [number, number],
    readonly options: PoolOptions & { dilation?: number | [number, number] } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.maxPool2d(x, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    const o = this.options;
    // PyTorch's stride defaults to the kernel size, and is printed so.
    return (
      `kernel_size=${pyIntOrTuple(this.kernelSize)}, stride=${pyIntOrTuple(o.stride ?? this.kernelSize)}, ` +
      `padding=${pyIntOrTuple(o.padding ?? 0)}, dilation=${pyIntOrTuple(o.dilation ?? 1)}, ceil_mode=${pyBool(o.ceilMode ?? false)}`
    );
  }
}

export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: number | [number, number],
    readonly options: PoolOptions & { countIncludePad?: boolean; ceilMode?: boolean } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.avgPool2d(x, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    const o = this.options;
    return `kernel_size=${pyIntOrTuple(this.kernelSize)}, stride=${pyIntOrTuple(o.stride ?? this.kernelSize)}, padding=${pyIntOrTuple(o.padding ?? 0)}`;
  }
}

export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: number | [number, number]) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.adaptiveAvgPool2d(x, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${pyIntOrTuple(this.outputSize)}`;
  }
}
