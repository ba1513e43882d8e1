import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { OptionsLayer } from './options-layer.js';

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

export class SmoothL1Loss extends OptionsLayer<{ reduction?: Reduction; beta?: number }> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.smoothL1Loss(input, target, this.options);
  }
}

export class HuberLoss extends OptionsLayer<{ reduction?: Reduction; delta?: number }> {
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

export class CrossEntropyLoss extends OptionsLayer<CrossEntropyOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, this.options);
  }
}

export class NLLLoss extends OptionsLayer<Omit<CrossEntropyOptions, 'labelSmoothing'>> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, this.options);
  }
}

export class BCELoss extends OptionsLayer<{ weight?: Tensor; reduction?: Reduction }> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, this.options);
  }
}

export class BCEWithLogitsLoss extends OptionsLayer<{ weight?: Tensor; reduction?: Reduction; posWeight?: Tensor }> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, this.options);
  }
}

export class KLDivLoss extends OptionsLayer<F.KlDivOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.klDiv(input, target, this.options);
  }
}

export class PoissonNLLLoss extends OptionsLayer<F.PoissonNllOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.poissonNllLoss(input, target, this.options);
  }
}

export class GaussianNLLLoss extends OptionsLayer<F.GaussianNllOptions> {
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussianNllLoss(input, target, variance, this.options);
  }
}

export class CosineEmbeddingLoss extends OptionsLayer<F.MarginOptions> {
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosineEmbeddingLoss(input1, input2, target, this.options);
  }
}

export class MarginRankingLoss extends OptionsLayer<F.MarginOptions> {
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.marginRankingLoss(input1, input2, target, this.options);
  }
}

export class HingeEmbeddingLoss extends OptionsLayer<F.MarginOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.hingeEmbeddingLoss(input, target, this.options);
  }
}

export class TripletMarginLoss extends OptionsLayer<F.TripletMarginOptions> {
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginLoss(anchor, positive, negative, this.options);
  }
}

export class MultiMarginLoss extends OptionsLayer<F.MultiMarginOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multiMarginLoss(input, target, this.options);
  }
}

export class MultiLabelSoftMarginLoss extends OptionsLayer<{ weight?: Tensor; reduction?: Reduction }> {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabelSoftMarginLoss(input, target, this.options);
  }
}

export class CTCLoss extends OptionsLayer<F.CtcLossOptions> {
  forward(logProbs: Tensor, targets: Tensor, inputLengths: F.Lengths, targetLengths: F.Lengths): Tensor {
    return F.ctcLoss(logProbs, targets, inputLengths, targetLengths, this.options);
  }
}

/** The pairwise p-norm distance along the last dim (torch.nn.PairwiseDistance). */
export class PairwiseDistance extends OptionsLayer<{ p?: number; eps?: number; keepdim?: boolean }> {
  forward(x1: Tensor, x2: Tensor): Tensor {
    const { p = 2, eps = 1e-6, keepdim = false } = this.options;
    return F.pairwiseDistance(x1, x2, p, eps, keepdim);
  }
}
