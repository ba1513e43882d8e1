import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';

/** Loss layers (torch.nn.*Loss): each holds its options and calls the function of the same name. */
export type Reduction = 'mean' | 'sum' | 'none';

export class MSELoss extends Module {
  constructor(readonly reduction: Reduction = 'mean') {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, { reduction: this.reduction });
  }
}

export class L1Loss extends Module {
  constructor(readonly reduction: Reduction = 'mean') {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, { reduction: this.reduction });
  }
}

export class SmoothL1Loss extends Module {
  constructor(readonly options: { reduction?: Reduction; beta?: number } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.smoothL1Loss(input, target, this.options);
  }
}

export class HuberLoss extends Module {
  constructor(readonly options: { reduction?: Reduction; delta?: number } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(input, target, this.options);
  }
}

export interface CrossEntropyOptions {
  weight?: Tensor;
  ignoreIndex?: number;
  reduction?: Reduction;
  labelSmoothing?: number;
}

export class CrossEntropyLoss extends Module {
  constructor(readonly options: CrossEntropyOptions = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, this.options);
  }
}

export class NLLLoss extends Module {
  constructor(readonly options: Omit<CrossEntropyOptions, 'labelSmoothing'> = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, this.options);
  }
}

export class BCELoss extends Module {
  constructor(readonly options: { weight?: Tensor; reduction?: Reduction } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, this.options);
  }
}

export class BCEWithLogitsLoss extends Module {
  constructor(readonly options: { weight?: Tensor; reduction?: Reduction; posWeight?: Tensor } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, this.options);
  }
}
