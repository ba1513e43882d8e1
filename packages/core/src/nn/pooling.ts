import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { pyBool, pyIntOrTuple, pyTuple } from '../format/python-repr.js';

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

type Size = number | number[];
const maxPoolRepr = (k: Size, o: { stride?: Size; padding?: Size; dilation?: Size; ceilMode?: boolean }) =>
  `kernel_size=${pyIntOrTuple(k)}, stride=${pyIntOrTuple(o.stride ?? k)}, padding=${pyIntOrTuple(o.padding ?? 0)}, dilation=${pyIntOrTuple(o.dilation ?? 1)}, ceil_mode=${pyBool(o.ceilMode ?? false)}`;

export interface Pool1dOptions {
  stride?: number;
  padding?: number;
  ceilMode?: boolean;
}

export class MaxPool1d extends Module {
  constructor(
    readonly kernelSize: number,
    readonly options: Pool1dOptions & { dilation?: number } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.maxPool1d(x, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return maxPoolRepr(this.kernelSize, this.options);
  }
}

export class MaxPool3d extends Module {
  constructor(
    readonly kernelSize: number | [number, number, number],
    readonly options: {
      stride?: number | [number, number, number];
      padding?: number | [number, number, number];
      dilation?: number | [number, number, number];
      ceilMode?: boolean;
    } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.maxPool3d(x, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return maxPoolRepr(this.kernelSize, this.options);
  }
}

export class AvgPool1d extends Module {
  constructor(
    readonly kernelSize: number,
    readonly options: Pool1dOptions & { countIncludePad?: boolean } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.avgPool1d(x, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    // PyTorch keeps AvgPool1d's sizes as 1-tuples.
    const o = this.options;
    return `kernel_size=${pyTuple([this.kernelSize])}, stride=${pyTuple([o.stride ?? this.kernelSize])}, padding=${pyTuple([o.padding ?? 0])}`;
  }
}

export class AdaptiveAvgPool1d extends Module {
  constructor(readonly outputSize: number) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.adaptiveAvgPool1d(x, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${this.outputSize}`;
  }
}

export class AdaptiveMaxPool2d extends Module {
  constructor(readonly outputSize: number | [number | null, number | null]) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.adaptiveMaxPool2d(x, this.outputSize);
  }
  override extraRepr(): string {
    const s = this.outputSize;
    return `output_size=${typeof s === 'number' ? s : `(${s.map((v) => (v === null ? 'None' : v)).join(', ')})`}`;
  }
}

/** The partial inverse of MaxPool2d (torch.nn.MaxUnpool2d): called with the pooled values and their indices. */
export class MaxUnpool2d extends Module {
  constructor(
    readonly kernelSize: number | [number, number],
    readonly options: { stride?: number | [number, number]; padding?: number | [number, number] } = {},
  ) {
    super();
  }
  forward(x: Tensor, indices: Tensor, outputSize?: number[]): Tensor {
    return F.maxUnpool2d(x, indices, this.kernelSize, { ...this.options, ...(outputSize ? { outputSize } : {}) });
  }
  override extraRepr(): string {
    const two = (v: number | [number, number]) => pyTuple(typeof v === 'number' ? [v, v] : v);
    const o = this.options;
    return `kernel_size=${two(this.kernelSize)}, stride=${two(o.stride ?? this.kernelSize)}, padding=${two(o.padding ?? 0)}`;
  }
}
