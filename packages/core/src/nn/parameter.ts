import { Tensor } from '../tensor.js';
import { keep } from '../memory/scope.js';

/**
 * A tensor that is a module's learnable weight (torch.nn.Parameter): a leaf that requires grad
 * by default, sharing the values of the tensor it wraps.
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    super(data._store, data.shape, data.strides, data.offset, data.dtype);
    if (requiresGrad) this.requiresGrad_(true);
    keep(this);
  }

  override async repr(): Promise<string> {
    return `Parameter containing:\n${await super.repr()}`;
  }

  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
