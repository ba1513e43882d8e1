import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';

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
    override toString(): string {
      return `${name}()`;
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
}

export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.elu(x, this.alpha);
  }
}

export class CELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.celu(x, this.alpha);
  }
}

export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.gelu(x, this.approximate);
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
}

export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.softmax(x, this.dim);
  }
}

export class LogSoftmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.logSoftmax(x, this.dim);
  }
}
