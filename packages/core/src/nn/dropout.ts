import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { pyFloat } from '../format/python-repr.js';
import { ValueError } from '../errors.js';

/** What the dropout layers share: p, checked at construction, and PyTorch's printed form. */
abstract class DropoutNd extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1))
      throw new ValueError(`${this.constructor.name}: probability has to be between 0 and 1, but got ${p}`);
  }
  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}

/** Zeroes whole channels of [N, C, L] in training (torch.nn.Dropout1d). */
export class Dropout1d extends DropoutNd {
  forward(x: Tensor): Tensor {
    return F.dropout1d(x, this.p, this.training);
  }
}

/** Zeroes whole channels of [N, C, H, W] in training (torch.nn.Dropout2d). */
export class Dropout2d extends DropoutNd {
  forward(x: Tensor): Tensor {
    return F.dropout2d(x, this.p, this.training);
  }
}

/** Dropout that keeps SELU's self-normalisation, in training (torch.nn.AlphaDropout). */
export class AlphaDropout extends DropoutNd {
  forward(x: Tensor): Tensor {
    return F.alphaDropout(x, this.p, this.training);
  }
}
