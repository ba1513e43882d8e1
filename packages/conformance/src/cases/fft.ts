import { fft } from '@ag/core';
import type { OpCase } from '../case.js';

/**
 * torch.fft's transforms on signals whose spectra are known in closed form: an impulse (all
 * ones), a constant (n at frequency 0), cos and sin of one cycle (n / 2 at +-1, the sign telling
 * e^{-i theta} from e^{+i theta}), 2 x 2 signals worked by hand, and round trips (the identity,
 * so every gradient of the sum is 1). Complex values are pairs [..., 2]. The gradient of
 * sum(re + im) of a forward DFT of size n is [n, 0, ..., 0] (sum_k cos(2 pi j k / n) = n at j = 0
 * and 0 elsewhere; the sines sum to 0), whatever the input; the other gradients are written
 * out beside their cases. Every one is also checked against finite differences.
 */

export const FOUR_ONES = [
  [1, 0],
  [1, 0],
  [1, 0],
  [1, 0],
];

export const fftCases = [
  {
    id: 'fft.fft/impulse',
    inputs: [{ values: [1, 0, 0, 0], requiresGrad: true }],
    run: (x) => fft.fft(x),
    expected: FOUR_ONES,
    grads: [[4, 0, 0, 0]],
    gradFn: 'FftR2CBackward0',
  },
  {
    id: 'fft.fft/constant',
    inputs: [{ values: [2, 2, 2], requiresGrad: true }],
    run: (x) => fft.fft(x),
    expected: [
      [6, 0],
      [0, 0],
      [0, 0],
    ],
    grads: [[3, 0, 0]],
  },
  {
    // cos(2 pi j / 4) = (e^{i theta} + e^{-i theta}) / 2: n / 2 at k = 1 and k = 3.
    id: 'fft.fft/cosine',
    inputs: [{ values: [1, 0, -1, 0] }],
    run: (x) => fft.fft(x),
    expected: [
      [0, 0],
      [2, 0],
      [0, 0],
      [2, 0],
    ],
  },
  {
    // sin(2 pi j / 4) = (e^{i theta} - e^{-i theta}) / 2i: -2i at k = 1, +2i at k = 3.
    id: 'fft.fft/sine',
    inputs: [{ values: [0, 1, 0, -1] }],
    run: (x) => fft.fft(x),
    expected: [
      [0, 0],
      [0, -2],
      [0, 0],
      [0, 2],
    ],
  },
  {
    // Along dim 0 of a 2 x 2: each column's sum and difference.
    id: 'fft.fft/dim0',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (x) => fft.fft(x, null, 0),
    expected: [
      [
        [4, 0],
        [6, 0],
      ],
      [
        [-2, 0],
        [-2, 0],
      ],
    ],
    grads: [
      [
        [2, 2],
        [0, 0],
      ],
    ],
  },
  {
    // A complex impulse at j = 1: X_k = e^{-2 pi i k / 4}.
    id: 'fft.fft/complex-input',
    inputs: [
      {
        values: [
          [0, 0],
          [1, 0],
          [0, 0],
          [0, 0],
        ],
        requiresGrad: true,
      },
    ],
    run: (z) => fft.fft(fft.viewAsComplex(z)),
    expected: [
      [1, 0],
      [0, -1],
      [-1, 0],
      [0, 1],
    ],
    // d/da_j sum_k (cos - sin) = 4 [j = 0]; d/db_j sum_k (cos + sin) = 4 [j = 0] (b enters as i b).
    grads: [
      [
        [4, 4],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ],
    gradFn: 'FftC2CBackward0',
  },
  {
    id: 'fft.fft/norm-ortho',
    inputs: [{ values: [1, 1, 1, 1], requiresGrad: true }],
    run: (x) => fft.fft(x, null, -1, 'ortho'),
    expected: [
      [2, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    grads: [[2, 0, 0, 0]],
  },
  {
    id: 'fft.fft/norm-forward',
    inputs: [{ values: [1, 1, 1, 1], requiresGrad: true }],
    run: (x) => fft.fft(x, null, -1, 'forward'),
    expected: FOUR_ONES.map((_, k) => [k === 0 ? 1 : 0, 0]),
    grads: [[1, 0, 0, 0]],
  },
  {
    // The inverse of a spike at frequency 0 is a constant 4 / n; the gradient of sum(re + im)
    // is (1 / n) sum_j (cos +- sin) = 1 at k = 0 for both parts.
    id: 'fft.ifft/constant',
    inputs: [
      {
        values: [
          [4, 0],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        requiresGrad: true,
      },
    ],
    run: (z) => fft.ifft(z),
    expected: FOUR_ONES,
    grads: [
      [
        [1, 1],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ],
    gradFn: 'FftC2CBackward0',
  },
  {
    id: 'fft.ifft/norm-forward',
    inputs: [
      {
        values: [
          [1, 0],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      },
    ],
    run: (z) => fft.ifft(z, null, -1, 'forward'),
    expected: FOUR_ONES,
  },
  {
    id: 'fft.ifft/round-trip',
    inputs: [
      {
        values: [
          [1, 2],
          [3, -1],
          [0, 0.5],
        ],
        requiresGrad: true,
      },
    ],
    run: (z) => fft.ifft(fft.fft(fft.viewAsComplex(z))),
    expected: [
      [1, 2],
      [3, -1],
      [0, 0.5],
    ],
    grads: [
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    ],
  },
  {
    // X_0 = 10, X_1 = 1 - 2i - 3 + 4i, X_2 = 1 - 2 + 3 - 4; the gradient of sum(re + im) over
    // k = 0..2 is sum_k cos(pi j k / 2) - sin(pi j k / 2).
    id: 'fft.rfft/4',
    inputs: [{ values: [1, 2, 3, 4], requiresGrad: true }],
    run: (x) => fft.rfft(x),
    expected: [
      [10, 0],
      [-2, 2],
      [-2, 0],
    ],
    grads: [[3, -1, 1, 1]],
    gradFn: 'FftR2CBackward0',
  },
  {
    // n = 4 pads [1, 2, 3] with a zero.
    id: 'fft.rfft/pad',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (x) => fft.rfft(x, 4),
    expected: [
      [6, 0],
      [-2, -2],
      [2, 0],
    ],
    grads: [[3, -1, 1]],
  },
  {
    // n = 2 keeps [1, 2]: the sum and the difference.
    id: 'fft.rfft/trim',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (x) => fft.rfft(x, 2),
    expected: [
      [3, 0],
      [-1, 0],
    ],
    grads: [[2, 0, 0]],
  },
  {
    // x_j = (X_0 + 2 Re(X_1 e^{i pi j / 2}) + X_2 (-1)^j) / 4; the imaginary parts of the DC
    // and Nyquist terms (7 and 5) are ignored, as PyTorch's C2R transform ignores them.
    id: 'fft.irfft/hermitian',
    inputs: [
      {
        values: [
          [2, 7],
          [1, 0],
          [0, 5],
        ],
        requiresGrad: true,
      },
    ],
    run: (z) => fft.irfft(z),
    expected: [1, 0.5, 0, 0.5],
    // sum_j x_j = X_0 (re): only that entry has a gradient.
    grads: [
      [
        [1, 0],
        [0, 0],
        [0, 0],
      ],
    ],
    gradFn: 'FftC2RBackward0',
  },
  {
    id: 'fft.irfft/round-trip-even',
    inputs: [{ values: [1, -2, 3, 0.5], requiresGrad: true }],
    run: (x) => fft.irfft(fft.rfft(x)),
    expected: [1, -2, 3, 0.5],
    grads: [[1, 1, 1, 1]],
  },
  {
    id: 'fft.irfft/round-trip-odd',
    inputs: [{ values: [1, -2, 3, 0.5, 4], requiresGrad: true }],
    run: (x) => fft.irfft(fft.rfft(x), 5),
    expected: [1, -2, 3, 0.5, 4],
    grads: [[1, 1, 1, 1, 1]],
  },
  {
    // Parseval: sum |X_k|^2 = n sum x_j^2, with gradient 2 n x.
    id: 'fft.fft/parseval',
    inputs: [{ values: [1, 2, 3, 4], requiresGrad: true }],
    run: (x) => fft.abs(fft.fft(x)).pow(2).sum(),
    expected: 120,
    grads: [[8, 16, 24, 32]],
  },
] as const satisfies readonly OpCase[];
