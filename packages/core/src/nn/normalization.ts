import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { ones, zeros } from '../ops/creation.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { placeOf } from './empty.js';
import type { LayerOptions } from './linear.js';
import { pyBool, pyFloat, pyTuple } from '../format/python-repr.js';
import { ShapeError, ValueError } from '../errors.js';

export interface NormOptions extends LayerOptions {
  eps?: number;
  affine?: boolean;
}

/**
 * Batch normalisation over the channel dim (torch.nn.BatchNorm1d/2d): batch statistics in
 * training, which also update the running statistics (buffers running_mean, running_var and
 * num_batches_tracked, PyTorch's state-dict names); the running statistics in eval.
 */
export type RunningNormOptions = NormOptions & { momentum?: number; trackRunningStats?: boolean };

/**
 * What the batch and instance norms share (torch.nn.modules.batchnorm._NormBase): a per-channel
 * weight and bias, the running-statistics buffers under PyTorch's state-dict names, and the
 * printed form. The two differ in their defaults for affine and trackRunningStats.
 */
export abstract class NormBase extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  readonly eps: number;
  readonly momentum: number;
  readonly trackRunningStats: boolean;

  constructor(
    readonly numFeatures: number,
    options: RunningNormOptions,
    byDefault: boolean,
  ) {
    super();
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    const affine = options.affine ?? byDefault;
    this.weight = affine ? new Parameter(ones([numFeatures], placeOf(options))) : null;
    this.bias = affine ? new Parameter(zeros([numFeatures], placeOf(options))) : null;
    this.trackRunningStats = options.trackRunningStats ?? byDefault;
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([numFeatures], placeOf(options)));
      this.registerBuffer('running_var', ones([numFeatures], placeOf(options)));
      this.registerBuffer('num_batches_tracked', zeros([], { ...placeOf(options), dtype: 'int32' }));
    }
  }

  override extraRepr(): string {
    return (
      `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${pyFloat(this.momentum)}, ` +
      `affine=${pyBool(this.weight !== null)}, track_running_stats=${pyBool(this.trackRunningStats)}`
    );
  }
}

class BatchNorm extends NormBase {
  constructor(
    private readonly layerName: string,
    private readonly dims: readonly number[],
    numFeatures: number,
    options: RunningNormOptions = {},
  ) {
    super(numFeatures, options, true);
  }

  forward(x: Tensor): Tensor {
    if (!this.dims.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      throw new ShapeError(
        `${this.layerName}: expected input of ${this.dims.join(' or ')} dims with ${this.numFeatures} channels in dim 1, got shape ${formatShape(x.shape)}`,
      );
    }
    const tracking = this.buffers().length > 0;
    const out = F.batchNorm(
      x,
      tracking ? this.getBuffer('running_mean') : null,
      tracking ? this.getBuffer('running_var') : null,
      {
        weight: this.weight,
        bias: this.bias,
        training: this.training || !tracking,
        momentum: this.momentum,
        eps: this.eps,
      },
    );
    // Counted once the batch is accepted: an input batchNorm refuses leaves the count as it was.
    if (this.training && tracking) {
      const n = this.getBuffer('num_batches_tracked')!;
      this.setBuffer('num_batches_tracked', n.add(1));
    }
    return out;
  }
}

export class BatchNorm1d extends BatchNorm {
  constructor(numFeatures: number, options: RunningNormOptions = {}) {
    super('BatchNorm1d', [2, 3], numFeatures, options);
  }
}

export class BatchNorm2d extends BatchNorm {
  constructor(numFeatures: number, options: RunningNormOptions = {}) {
    super('BatchNorm2d', [4], numFeatures, options);
  }
}

/** Normalises over the last dims (torch.nn.LayerNorm), with an elementwise affine transform. */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  readonly eps: number;

  constructor(normalizedShape: number | number[], options: NormOptions & { elementwiseAffine?: boolean } = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
    this.eps = options.eps ?? 1e-5;
    const affine = options.elementwiseAffine ?? options.affine ?? true;
    this.weight = affine ? new Parameter(ones(this.normalizedShape, placeOf(options))) : null;
    this.bias = affine ? new Parameter(zeros(this.normalizedShape, placeOf(options))) : null;
  }

  forward(x: Tensor): Tensor {
    return F.layerNorm(x, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${pyTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.weight !== null)}`;
  }
}

/** Normalises groups of channels (torch.nn.GroupNorm). */
export class GroupNorm extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  readonly eps: number;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    options: NormOptions = {},
  ) {
    super();
    if (numChannels % numGroups !== 0)
      throw new ValueError(`GroupNorm: num_channels (${numChannels}) must be divisible by num_groups (${numGroups})`);
    this.eps = options.eps ?? 1e-5;
    const affine = options.affine ?? true;
    this.weight = affine ? new Parameter(ones([numChannels], placeOf(options))) : null;
    this.bias = affine ? new Parameter(zeros([numChannels], placeOf(options))) : null;
  }

  forward(x: Tensor): Tensor {
    return F.groupNorm(x, this.numGroups, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.weight !== null)}`;
  }
}
