import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { ones } from '../ops/creation.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import type { LayerOptions } from './linear.js';
import { NormBase } from './normalization.js';
import { placeOf } from './empty.js';
import { pyBool, pyFloat, pyTuple } from '../format/python-repr.js';
import { ShapeError } from '../errors.js';

export interface InstanceNormLayerOptions extends LayerOptions {
  eps?: number;
  momentum?: number;
  /** A learnt per-channel weight and bias (default false, unlike BatchNorm). */
  affine?: boolean;
  /** Running statistics, used in eval (default false: each instance's own statistics always). */
  trackRunningStats?: boolean;
}

/** What InstanceNorm1d and 2d share (torch.nn.modules.instancenorm._InstanceNorm). */
abstract class InstanceNorm extends NormBase {
  constructor(
    private readonly spatial: number,
    numFeatures: number,
    options: InstanceNormLayerOptions,
  ) {
    super(numFeatures, options, false);
  }

  forward(x: Tensor): Tensor {
    const s = this.spatial;
    const name = this.constructor.name;
    if (x.ndim !== s + 1 && x.ndim !== s + 2)
      throw new ShapeError(
        `${name}: expected input with ${s + 2} dims (or ${s + 1} unbatched), got ${formatShape(x.shape)}`,
      );
    const channels = x.shape[x.ndim - s - 1]!;
    if (this.weight !== null && channels !== this.numFeatures) {
      throw new ShapeError(
        `${name}: expected the input's size at dim ${x.ndim - s - 1} to match numFeatures (${this.numFeatures}), got ${formatShape(x.shape)}`,
      );
    }
    const batched = x.ndim === s + 2 ? x : x.unsqueeze(0);
    const y = F.instanceNorm(
      batched,
      this.trackRunningStats ? this.getBuffer('running_mean') : null,
      this.trackRunningStats ? this.getBuffer('running_var') : null,
      {
        weight: this.weight,
        bias: this.bias,
        useInputStats: this.training || !this.trackRunningStats,
        momentum: this.momentum,
        eps: this.eps,
      },
    );
    return x.ndim === s + 2 ? y : y.squeeze(0);
  }
}

/** Normalises each channel of each sample of [N, C, L] over L (torch.nn.InstanceNorm1d). */
export class InstanceNorm1d extends InstanceNorm {
  constructor(numFeatures: number, options: InstanceNormLayerOptions = {}) {
    super(1, numFeatures, options);
  }
}

/** Normalises each channel of each sample of [N, C, H, W] over H and W (torch.nn.InstanceNorm2d). */
export class InstanceNorm2d extends InstanceNorm {
  constructor(numFeatures: number, options: InstanceNormLayerOptions = {}) {
    super(2, numFeatures, options);
  }
}

/** Root-mean-square normalisation over the last dims with a learnt scale (torch.nn.RMSNorm). */
export class RMSNorm extends Module {
  readonly normalizedShape: number[];
  readonly weight: Parameter | null;
  constructor(
    normalizedShape: number | number[],
    readonly options: LayerOptions & { eps?: number | null; elementwiseAffine?: boolean } = {},
  ) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.weight =
      (options.elementwiseAffine ?? true) ? new Parameter(ones(this.normalizedShape, placeOf(options))) : null;
  }
  forward(x: Tensor): Tensor {
    return F.rmsNorm(x, this.normalizedShape, this.weight, this.options.eps ?? null);
  }
  override extraRepr(): string {
    const eps = this.options.eps;
    return `${pyTuple(this.normalizedShape)}, eps=${eps === undefined || eps === null ? 'None' : pyFloat(eps)}, elementwise_affine=${pyBool(this.weight !== null)}`;
  }
}

/** Normalises each element by its neighbouring channels' energy (torch.nn.LocalResponseNorm). */
export class LocalResponseNorm extends Module {
  constructor(
    readonly size: number,
    readonly alpha = 1e-4,
    readonly beta = 0.75,
    readonly k = 1,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.localResponseNorm(x, this.size, this.alpha, this.beta, this.k);
  }
  override extraRepr(): string {
    return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`;
  }
}
