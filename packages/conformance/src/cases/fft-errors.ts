import { fft, tensor, type Tensor } from '@ag/core';
import type { ErrorCase, ScriptCase } from '../case.js';
import { secondOrder } from './double-backward.js';

/** torch.fft's errors (PyTorch's messages, after the op's name), and double backward through it. */

const real4 = () => [tensor([1, 2, 3, 4])];

export const fftErrors = [
  {
    id: 'error/fft.fft-norm',
    inputs: real4,
    run: (x) => fft.fft(x, null, -1, 'bad' as 'ortho'),
    throws: /^fft\.fft: argument 4 \('norm'\) got "bad"; it expects "backward" or "ortho" or "forward" or null$/,
    kind: 'value',
  },
  {
    id: 'error/fft.fft-n',
    inputs: real4,
    run: (x) => fft.fft(x, 0),
    throws: /^fft\.fft: Invalid number of data points \(0\) specified/,
    kind: 'value',
  },
  {
    id: 'error/fft.fft-dim',
    inputs: real4,
    run: (x) => fft.fft(x, null, 1),
    throws: /^fft\.fft: dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/,
    kind: 'index',
  },
  {
    id: 'error/fft.fft-scalar',
    inputs: () => [tensor(1)],
    run: (x) => fft.fft(x),
    throws: /^fft\.fft: Dimension specified as -1 but tensor has no dimensions/,
    kind: 'index',
  },
  {
    id: 'error/fft.ifft-real',
    inputs: real4,
    run: (x) => fft.ifft(x),
    throws:
      /^fft\.ifft: expected complex values as a float32 or float64 tensor of shape \[\.\.\., 2\].*got float32 of shape \[4\]/,
    kind: 'shape',
  },
  {
    id: 'error/fft.rfft-complex',
    inputs: () => [
      tensor([
        [1, 0],
        [2, 0],
      ]),
    ],
    run: (z) => fft.rfft(fft.viewAsComplex(z)),
    throws: /^fft\.rfft expects a real input tensor, but got a complex one/,
    kind: 'dtype',
  },
  {
    id: 'error/fft.irfft-n',
    inputs: () => [tensor([[1, 0]])],
    run: (z) => fft.irfft(z),
    throws: /^fft\.irfft: Invalid number of data points \(0\) specified/,
    kind: 'value',
  },
  {
    id: 'error/fft.fftn-s-dim',
    inputs: () => [
      tensor([
        [1, 2],
        [3, 4],
      ]),
    ],
    run: (x) => fft.fftn(x, [2], [0, 1]),
    throws:
      /^fft\.fftn: When given, dim and shape arguments must have the same length \(got s of 1 values and dim of 2\)$/,
    kind: 'value',
  },
  {
    id: 'error/fft.fftn-repeated-dim',
    inputs: () => [
      tensor([
        [1, 2],
        [3, 4],
      ]),
    ],
    run: (x) => fft.fftn(x, null, [0, -2]),
    throws: /^fft\.fftn: FFT dims must be unique, got dim \[0, -2\], that is \[0, 0\]$/,
    kind: 'value',
  },
  {
    id: 'error/fft.fftn-long-s',
    inputs: real4,
    run: (x) => fft.fftn(x, [4, 4]),
    throws: /^fft\.fftn: Got shape with 2 values but input tensor only has 1 dimensions\./,
    kind: 'shape',
  },
  {
    id: 'error/fft.rfftn-no-dims',
    inputs: real4,
    run: (x) => fft.rfftn(x, null, []),
    throws: /^fft\.rfftn must transform at least one axis/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];

/** Double backward through the transforms (their backward is the same composite, so it has one). */
export const fftScripts = [
  {
    id: 'fft/double-backward-rfft-abs',
    run: async (check) => {
      const f = (x: Tensor) => fft.abs(fft.rfft(x)).pow(3);
      check.equal(await secondOrder(f, [0.5, -1, 2, 0.3]), null, 'second-order gradient through rfft and abs');
    },
  },
  {
    id: 'fft/double-backward-irfft-fft2',
    run: async (check) => {
      const f = (x: Tensor) => {
        const X = fft.rfft(x);
        return fft.irfft(X.mul(X), 4).add(fft.fft2(x.reshape(2, 2)).pow(2).sum());
      };
      check.equal(await secondOrder(f, [0.5, -1, 2, 0.3]), null, 'second-order gradient through irfft and fft2');
    },
  },
] as const satisfies readonly ScriptCase[];
