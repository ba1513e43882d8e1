import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { OptionsLayer } from './options-layer.js';
import { pyFloat, pyIntOrTuple, pyStr } from '../format/python-repr.js';

/** Resamples [N, C, L] or [N, C, H, W] to a size or by a scale factor (torch.nn.Upsample): F.interpolate with its settings. */
export class Upsample extends OptionsLayer<F.InterpolateOptions> {
  forward(x: Tensor): Tensor {
    return F.interpolate(x, this.options);
  }
  override extraRepr(): string {
    const { size, scaleFactor, mode } = this.options;
    // PyTorch keeps the scale factor as float(s): 2 prints as 2.0.
    const info =
      scaleFactor !== undefined && scaleFactor !== null
        ? `scale_factor=${typeof scaleFactor === 'number' ? pyFloat(scaleFactor) : `(${scaleFactor.map(pyFloat).join(', ')})`}`
        : `size=${size === undefined || size === null ? 'None' : pyIntOrTuple(size)}`;
    return `${info}, mode=${pyStr(mode ?? 'nearest')}`;
  }
}
