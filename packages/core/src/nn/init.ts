import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import type { GeneratorOption } from '../ops/random.js';
import { ShapeError } from '../errors.js';

/**
 * Weight initialisation (torch.nn.init), in place and seeded by `manualSeed` (or drawn from the
 * `generator` option). Values are drawn on the host as PyTorch's CPU draws them, so a seed gives
 * PyTorch's weights on every device.
 */

export function uniform_(t: Tensor, a = 0, b = 1, options?: GeneratorOption): Tensor {
  return noGrad(() => t.uniform_(a, b, options));
}

export function normal_(t: Tensor, mean = 0, std = 1, options?: GeneratorOption): Tensor {
  return noGrad(() => t.normal_(mean, std, options));
}

export function constant_(t: Tensor, value: number): Tensor {
  return noGrad(() => t.fill_(value));
}

export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

/** fan_in and fan_out as PyTorch computes them: dims 0 and 1 times the receptive field. */
export function calculateFanInAndFanOut(t: Tensor): [number, number] {
  if (t.ndim < 2)
    throw new ShapeError(
      `init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (shape [${t.shape.join(', ')}])`,
    );
  let receptive = 1;
  for (let i = 2; i < t.ndim; i++) receptive *= t.shape[i]!;
  return [t.shape[1]! * receptive, t.shape[0]! * receptive];
}

export type Nonlinearity = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/** torch.nn.init.calculate_gain. */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
  }
}

export function xavierUniform_(t: Tensor, gain = 1, options?: GeneratorOption): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -a, a, options);
}

export function xavierNormal_(t: Tensor, gain = 1, options?: GeneratorOption): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), options);
}

/** Only the generator of the kaiming options: the sampler takes no others. */
function generatorOf({ generator }: GeneratorOption): GeneratorOption {
  return generator === undefined ? {} : { generator };
}

export interface KaimingOptions extends GeneratorOption {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: Nonlinearity;
}

function kaimingStd(t: Tensor, { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu' }: KaimingOptions): number {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  return calculateGain(nonlinearity, a) / Math.sqrt(mode === 'fan_in' ? fanIn : fanOut);
}

export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, options);
  return uniform_(t, -bound, bound, generatorOf(options));
}

export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal_(t, 0, kaimingStd(t, options), generatorOf(options));
}
