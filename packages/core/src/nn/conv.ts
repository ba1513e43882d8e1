import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { empty } from './empty.js';
import { kaimingUniform_, uniform_ } from './init.js';
import type { LayerOptions } from './linear.js';
import { pyTuple } from '../format/python-repr.js';

export interface ConvOptions extends LayerOptions {
  stride?: number | number[];
  padding?: number | number[] | 'same' | 'valid';
  dilation?: number | number[];
  groups?: number;
  bias?: boolean;
}

/** What Conv1d and Conv2d share: PyTorch's weight layout and initialisation. */
abstract class ConvNd extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(
    override readonly name: string,
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number[],
    readonly options: ConvOptions,
  ) {
    super();
    const groups = options.groups ?? 1;
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new Error(
        `${name}: in_channels (${inChannels}) and out_channels (${outChannels}) must both be divisible by groups (${groups})`,
      );
    }
    const w = empty([outChannels, inChannels / groups, ...kernelSize], options);
    this.weight = new Parameter(kaimingUniform_(w, { a: Math.sqrt(5) }));
    const fanIn = (inChannels / groups) * kernelSize.reduce((a, b) => a * b, 1);
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    this.bias = options.bias === false ? null : new Parameter(uniform_(empty([outChannels], options), -bound, bound));
  }

  /** torch.nn.modules.conv._ConvNd.extra_repr: sizes as tuples, settings left at their defaults omitted. */
  override extraRepr(): string {
    const n = this.kernelSize.length;
    const o = this.options;
    const tuple = (v: number | number[] | undefined, fill: number) =>
      v === undefined ? Array<number>(n).fill(fill) : typeof v === 'number' ? Array<number>(n).fill(v) : v;
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(tuple(o.stride, 1))}`;
    if (typeof o.padding === 'string') s += `, padding=${o.padding}`;
    else if (tuple(o.padding, 0).some((p) => p !== 0)) s += `, padding=${pyTuple(tuple(o.padding, 0))}`;
    if (tuple(o.dilation, 1).some((d) => d !== 1)) s += `, dilation=${pyTuple(tuple(o.dilation, 1))}`;
    if ((o.groups ?? 1) !== 1) s += `, groups=${o.groups}`;
    if (this.bias === null) s += ', bias=False';
    return s;
  }

  protected check(x: Tensor, dims: number): void {
    const spatial = dims - 2;
    if ((x.ndim !== dims && x.ndim !== dims - 1) || x.shape[x.ndim - spatial - 1] !== this.inChannels) {
      const layout = spatial === 1 ? '[N, C, L]' : '[N, C, H, W]';
      throw new Error(
        `${this.name}: expected input ${layout} with C = ${this.inChannels} channels, got shape ${formatShape(x.shape)}`,
      );
    }
  }
}

const convArgs = (o: ConvOptions) => ({
  ...(o.stride === undefined ? {} : { stride: o.stride }),
  ...(o.padding === undefined ? {} : { padding: o.padding }),
  ...(o.dilation === undefined ? {} : { dilation: o.dilation }),
  ...(o.groups === undefined ? {} : { groups: o.groups }),
});

export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number, options: ConvOptions = {}) {
    super('Conv1d', inChannels, outChannels, [kernelSize], options);
  }
  forward(x: Tensor): Tensor {
    this.check(x, 3);
    return F.conv1d(x, this.weight, this.bias, convArgs(this.options));
  }
}

export class Conv2d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | [number, number],
    options: ConvOptions = {},
  ) {
    super(
      'Conv2d',
      inChannels,
      outChannels,
      typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize,
      options,
    );
  }
  forward(x: Tensor): Tensor {
    this.check(x, 4);
    return F.conv2d(x, this.weight, this.bias, convArgs(this.options));
  }
}
