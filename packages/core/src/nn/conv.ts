import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { empty } from './empty.js';
import { kaimingUniform_, uniform_ } from './init.js';
import type { LayerOptions } from './linear.js';
import { pyTuple } from '../format/python-repr.js';
import { ShapeError, ValueError } from '../errors.js';

export interface ConvOptions extends LayerOptions {
  stride?: number | number[];
  padding?: number | number[] | 'same' | 'valid';
  dilation?: number | number[];
  groups?: number;
  bias?: boolean;
  /** How the input is padded: with zeros (default), or by F.pad's 'reflect', 'replicate' or 'circular'. */
  paddingMode?: PaddingMode;
}

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';
const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** What the convolution layers share: PyTorch's weight layout and initialisation. */
abstract class ConvNd extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  /** For a paddingMode other than zeros: F.pad's amounts (last dim first), applied before a conv without padding. */
  private readonly padAmounts: number[] | null;

  constructor(
    override readonly name: string,
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number[],
    readonly options: ConvOptions & { outputPadding?: number | number[] },
    /** A transposed convolution's weight is [in, out / groups, ...kernel] (its fan-in from out / groups). */
    readonly transposed = false,
  ) {
    super();
    if (transposed && (options.paddingMode ?? 'zeros') !== 'zeros')
      throw new ValueError(
        `${name}: only 'zeros' paddingMode is supported, got ${JSON.stringify(options.paddingMode)}`,
      );
    const paddingMode = options.paddingMode ?? 'zeros';
    if (!PADDING_MODES.includes(paddingMode)) {
      throw new ValueError(
        `${name}: paddingMode must be one of ${PADDING_MODES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(paddingMode)}`,
      );
    }
    this.padAmounts = paddingMode === 'zeros' ? null : reversedPadding(name, kernelSize, options);
    const groups = options.groups ?? 1;
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new ValueError(
        `${name}: in_channels (${inChannels}) and out_channels (${outChannels}) must both be divisible by groups (${groups})`,
      );
    }
    const [a, b] = transposed ? [inChannels, outChannels] : [outChannels, inChannels];
    const w = empty([a, b / groups, ...kernelSize], options);
    this.weight = new Parameter(kaimingUniform_(w, { a: Math.sqrt(5) }));
    const fanIn = (b / groups) * kernelSize.reduce((x, y) => x * y, 1);
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
    if (tuple(o.outputPadding, 0).some((d) => d !== 0)) s += `, output_padding=${pyTuple(tuple(o.outputPadding, 0))}`;
    if ((o.groups ?? 1) !== 1) s += `, groups=${o.groups}`;
    if (this.bias === null) s += ', bias=False';
    if ((o.paddingMode ?? 'zeros') !== 'zeros') s += `, padding_mode=${o.paddingMode}`;
    return s;
  }

  /** The convolution of `x` (checked) with this layer's weights, after the padding its mode asks for. */
  protected convolve(x: Tensor, dims: number, conv: typeof F.conv1d): Tensor {
    this.check(x, dims);
    const o = this.options;
    if (this.padAmounts === null) return conv(x, this.weight, this.bias, convArgs(o));
    const padded = F.pad(x, this.padAmounts, { mode: o.paddingMode as Exclude<PaddingMode, 'zeros'> });
    return conv(padded, this.weight, this.bias, convArgs({ ...o, padding: 0 }));
  }

  protected check(x: Tensor, dims: number): void {
    const spatial = dims - 2;
    if ((x.ndim !== dims && x.ndim !== dims - 1) || x.shape[x.ndim - spatial - 1] !== this.inChannels) {
      const layout = ['', '[N, C, L]', '[N, C, H, W]', '[N, C, D, H, W]'][spatial];
      throw new ShapeError(
        `${this.name}: expected input ${layout} with C = ${this.inChannels} channels, got shape ${formatShape(x.shape)}`,
      );
    }
  }
}

/**
 * PyTorch's `_reversed_padding_repeated_twice`: each spatial dim's (before, after) padding, last
 * dim first, as F.pad takes it. 'same' splits each dim's total, dilation * (kernel - 1), with the
 * extra one after; 'valid' pads nothing.
 */
function reversedPadding(name: string, kernelSize: readonly number[], options: ConvOptions): number[] {
  const n = kernelSize.length;
  const p = options.padding ?? 0;
  const dilation = options.dilation ?? 1;
  const out: number[] = [];
  for (let k = n - 1; k >= 0; k--) {
    if (p === 'valid') out.push(0, 0);
    else if (p === 'same') {
      const total = (typeof dilation === 'number' ? dilation : dilation[k]!) * (kernelSize[k]! - 1);
      out.push(Math.floor(total / 2), total - Math.floor(total / 2));
    } else {
      const amount = typeof p === 'number' ? p : p[k];
      if (amount === undefined)
        throw new ValueError(`${name}: padding must have ${n} values, got ${JSON.stringify(p)}`);
      out.push(amount, amount);
    }
  }
  return out;
}

/** The settings among `keys` that `o` gives, for the functional form (the layer's own, paddingMode and bias, left out). */
function given<O extends object, K extends keyof O>(o: O, keys: readonly K[]): Pick<O, K> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Pick<O, K>;
}

const convArgs = (o: ConvOptions) => given(o, ['stride', 'padding', 'dilation', 'groups']);

/** Kernel sizes as a list of n. */
const sizes = (k: number | number[], n: number): number[] => (typeof k === 'number' ? new Array<number>(n).fill(k) : k);

export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number, options: ConvOptions = {}) {
    super('Conv1d', inChannels, outChannels, [kernelSize], options);
  }
  forward(x: Tensor): Tensor {
    return this.convolve(x, 3, F.conv1d);
  }
}

export class Conv2d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | [number, number],
    options: ConvOptions = {},
  ) {
    super('Conv2d', inChannels, outChannels, sizes(kernelSize, 2), options);
  }
  forward(x: Tensor): Tensor {
    return this.convolve(x, 4, F.conv2d);
  }
}

export class Conv3d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | [number, number, number],
    options: ConvOptions = {},
  ) {
    super('Conv3d', inChannels, outChannels, sizes(kernelSize, 3), options);
  }
  forward(x: Tensor): Tensor {
    return this.convolve(x, 5, F.conv3d);
  }
}

export interface ConvTransposeOptions extends Omit<ConvOptions, 'padding'> {
  padding?: number | number[];
  outputPadding?: number | number[];
}

const transposeArgs = (o: ConvTransposeOptions) =>
  given(o, ['stride', 'padding', 'outputPadding', 'dilation', 'groups']);

/** The transposed 1-D convolution (torch.nn.ConvTranspose1d): weight [in, out / groups, k]. */
export class ConvTranspose1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number, options: ConvTransposeOptions = {}) {
    super('ConvTranspose1d', inChannels, outChannels, [kernelSize], options, true);
  }
  forward(x: Tensor): Tensor {
    this.check(x, 3);
    return F.convTranspose1d(x, this.weight, this.bias, transposeArgs(this.options as ConvTransposeOptions));
  }
}

/** The transposed 2-D convolution (torch.nn.ConvTranspose2d): weight [in, out / groups, kH, kW]. */
export class ConvTranspose2d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | [number, number],
    options: ConvTransposeOptions = {},
  ) {
    super('ConvTranspose2d', inChannels, outChannels, sizes(kernelSize, 2), options, true);
  }
  forward(x: Tensor): Tensor {
    this.check(x, 4);
    return F.convTranspose2d(x, this.weight, this.bias, transposeArgs(this.options as ConvTransposeOptions));
  }
}
