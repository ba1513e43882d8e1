import type { Tensor } from '../tensor.js';
import { formatShape } from '../shape.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { empty } from './empty.js';
import { constant_ } from './init.js';
import type { LayerOptions } from './linear.js';
import { ShapeError } from '../errors.js';

/** max(0, x) + a min(0, x) with a learnt slope a, one or one per channel (torch.nn.PReLU), initialised to `init`. */
export class PReLU extends Module {
  readonly weight: Parameter;
  constructor(
    readonly numParameters = 1,
    init = 0.25,
    options: LayerOptions = {},
  ) {
    super();
    this.weight = new Parameter(constant_(empty([numParameters], options), init));
  }
  forward(x: Tensor): Tensor {
    return F.prelu(x, this.weight);
  }
  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}

/** Softmax over the channels of each spatial position, [N, C, H, W] or [C, H, W] (torch.nn.Softmax2d). */
export class Softmax2d extends Module {
  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 && x.ndim !== 4)
      throw new ShapeError(
        `Softmax2d: expected input with 4 dims [N, C, H, W] (or 3 unbatched), got ${formatShape(x.shape)}`,
      );
    return F.softmax(x, -3);
  }
}
