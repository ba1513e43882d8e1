import * as raw from '../fft/index.js';
import { checkedAll } from './checked.js';
import { FFT } from './signatures.js';

/**
 * torch.fft as @ag/core exports it (`fft.rfft`): fft/index.ts's functions, each behind the check
 * of its line in signatures.ts (errors name them `fft.rfft`).
 */
export type * from '../fft/index.js';

const fns = checkedAll(raw, FFT, 'fft.');

export const {
  fft,
  ifft,
  fft2,
  ifft2,
  fftn,
  ifftn,
  rfft,
  irfft,
  rfft2,
  irfft2,
  rfftn,
  irfftn,
  fftfreq,
  rfftfreq,
  fftshift,
  ifftshift,
  viewAsComplex,
  viewAsReal,
  complex,
  real,
  imag,
  abs,
  angle,
  conj,
} = fns;
