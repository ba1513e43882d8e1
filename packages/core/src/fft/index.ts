/** torch.fft, as the `fft` namespace of @ag/core (checks/public-fft.ts checks the arguments). */
export { fft, ifft, fft2, ifft2, fftn, ifftn, rfft, irfft, rfft2, irfft2, rfftn, irfftn } from './fft.js';
export type { FftNorm } from './args.js';
export { fftfreq, rfftfreq, fftshift, ifftshift } from './helpers.js';
export { viewAsComplex, viewAsReal, complex, real, imag, abs, angle, conj } from './complex.js';
