import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { empty } from './empty.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { kaimingUniform_, uniform_ } from './init.js';
import { pyBool } from '../format/python-repr.js';
import { bilinear } from '../functional/bilinear.js';
import { ShapeError } from '../errors.js';

export interface LayerOptions {
  device?: string;
  dtype?: 'float32' | 'float64';
}

/**
 * y = x W^T + b (torch.nn.Linear), initialised as PyTorch does: W from Kaiming-uniform with
 * a = sqrt(5), b uniform in ±1/sqrt(inFeatures).
 */
export class Linear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LayerOptions & { bias?: boolean } = {},
  ) {
    super();
    this.weight = new Parameter(kaimingUniform_(empty([outFeatures, inFeatures], options), { a: Math.sqrt(5) }));
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    this.bias = options.bias === false ? null : new Parameter(uniform_(empty([outFeatures], options), -bound, bound));
  }

  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new ShapeError(
        `Linear: expected input with last dimension ${this.inFeatures} ([..., ${this.inFeatures}]), got shape ${formatShape(x.shape)}`,
      );
    }
    const y = x.matmul(this.weight.t());
    return this.bias === null ? y : y.add(this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}

/**
 * The Linear that MultiheadAttention projects its output with: PyTorch's own class of that
 * name (it only tells its quantization tools apart), so that the attention prints as PyTorch's.
 */
export class NonDynamicallyQuantizableLinear extends Linear {}

/**
 * y = x1^T W x2 + b (torch.nn.Bilinear): weight [out, in1, in2] and bias [out], both uniform in
 * ±1/sqrt(in1), as PyTorch initialises them.
 */
export class Bilinear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(
    readonly in1Features: number,
    readonly in2Features: number,
    readonly outFeatures: number,
    options: LayerOptions & { bias?: boolean } = {},
  ) {
    super();
    const bound = in1Features > 0 ? 1 / Math.sqrt(in1Features) : 0;
    this.weight = new Parameter(uniform_(empty([outFeatures, in1Features, in2Features], options), -bound, bound));
    this.bias = options.bias === false ? null : new Parameter(uniform_(empty([outFeatures], options), -bound, bound));
  }

  forward(input1: Tensor, input2: Tensor): Tensor {
    return bilinear(input1, input2, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}
