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

export class KLDivLoss extends Module {
  constructor(readonly options: F.KlDivOptions = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.klDiv(input, target, this.options);
  }
}

export class PoissonNLLLoss extends Module {
  constructor(readonly options: F.PoissonNllOptions = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.poissonNllLoss(input, target, this.options);
  }
}

export class GaussianNLLLoss extends Module {
  constructor(readonly options: F.GaussianNllOptions = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussianNllLoss(input, target, variance, this.options);
  }
}

export class CosineEmbeddingLoss extends Module {
  constructor(readonly options: F.MarginOptions = {}) {
    super();
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosineEmbeddingLoss(input1, input2, target, this.options);
  }
}

export class MarginRankingLoss extends Module {
  constructor(readonly options: F.MarginOptions = {}) {
    super();
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.marginRankingLoss(input1, input2, target, this.options);
  }
}

export class HingeEmbeddingLoss extends Module {
  constructor(readonly options: F.MarginOptions = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.hingeEmbeddingLoss(input, target, this.options);
  }
}

export class TripletMarginLoss extends Module {
  constructor(readonly options: F.TripletMarginOptions = {}) {
    super();
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginLoss(anchor, positive, negative, this.options);
  }
}

export class MultiMarginLoss extends Module {
  constructor(readonly options: F.MultiMarginOptions = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multiMarginLoss(input, target, this.options);
  }
}

export class MultiLabelSoftMarginLoss extends Module {
  constructor(readonly options: { weight?: Tensor; reduction?: Reduction } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabelSoftMarginLoss(input, target, this.options);
  }
}

export class CTCLoss extends Module {
  constructor(readonly options: F.CtcLossOptions = {}) {
    super();
  }
  forward(logProbs: Tensor, targets: Tensor, inputLengths: F.Lengths, targetLengths: F.Lengths): Tensor {
    return F.ctcLoss(logProbs, targets, inputLengths, targetLengths, this.options);
  }
}

/** The pairwise p-norm distance along the last dim (torch.nn.PairwiseDistance). */
export class PairwiseDistance extends Module {
  constructor(readonly options: { p?: number; eps?: number; keepdim?: boolean } = {}) {
    super();
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    const { p = 2, eps = 1e-6, keepdim = false } = this.options;
    return F.pairwiseDistance(x1, x2, p, eps, keepdim);
  }
}
