import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { pyFloat, pyStr } from '../format/python-repr.js';

/** Activation layers: each holds its hyperparameters and calls the function of the same name. */

/** A layer made from a function of one tensor. */
export abstract class Activation extends Module {
  abstract override forward(x: Tensor): Tensor;
}

/** A layer class for an activation without hyperparameters. */
function activation(name: string, fn: (x: Tensor) => Tensor): new () => Activation {
  const layer = class extends Activation {
    forward(x: Tensor): Tensor {
      return fn(x);
    }
  };
  Object.defineProperty(layer, 'name', { value: name });
  return layer;
}

export const ReLU = activation('ReLU', F.relu);
export const ReLU6 = activation('ReLU6', F.relu6);
export const SELU = activation('SELU', F.selu);
export const SiLU = activation('SiLU', F.silu);
export const Mish = activation('Mish', F.mish);
export const Sigmoid = activation('Sigmoid', F.sigmoid);
export const LogSigmoid = activation('LogSigmoid', F.logSigmoid);
export const Tanh = activation('Tanh', F.tanh);
export const Softsign = activation('Softsign', F.softsign);
export const Hardsigmoid = activation('Hardsigmoid', F.hardsigmoid);
export const Hardswish = activation('Hardswish', F.hardswish);

export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.leakyRelu(x, this.negativeSlope);
  }
  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}`;
  }
}

export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.elu(x, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

export class CELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.celu(x, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.gelu(x, this.approximate);
  }
  override extraRepr(): string {
    return `approximate=${pyStr(this.approximate)}`;
  }
}

export class Softplus extends Module {
  constructor(
    readonly beta = 1,
    readonly threshold = 20,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.softplus(x, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${pyFloat(this.beta)}, threshold=${pyFloat(this.threshold)}`;
  }
}

export class Hardtanh extends Module {
  constructor(
    readonly minVal = -1,
    readonly maxVal = 1,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.hardtanh(x, this.minVal, this.maxVal);
  }
  override extraRepr(): string {
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}`;
  }
}

export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.softmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

export class LogSoftmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.logSoftmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
