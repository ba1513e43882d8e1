import { fft } from '@ag/core';
import type { OpCase } from '../case.js';
import { FOUR_ONES } from './fft.js';

/**
 * torch.fft's 2-D and n-D forms, worked by hand on 2 x 2 and 2 x 3 signals, with round trips;
 * then the sample frequencies, the shifts and the complex-pair helpers (closed forms).
 */

/** The 2-D and n-D forms: [[1, 2], [3, 4]] has the spectrum [[10, -2], [-4, 0]]. */
function nd() {
  const X = [
    [
      [10, 0],
      [-2, 0],
    ],
    [
      [-4, 0],
      [0, 0],
    ],
  ];
  const x = {
    values: [
      [1, 2],
      [3, 4],
    ],
    requiresGrad: true,
  };
  const grad0 = [
    [4, 0],
    [0, 0],
  ];
  const x23 = {
    values: [
      [1, 0, 0],
      [1, 1, 1],
    ],
    requiresGrad: true,
  };
  return [
    {
      id: 'fft.fft2/2x2',
      inputs: [x],
      run: (t) => fft.fft2(t),
      expected: X,
      grads: [grad0],
      gradFn: 'FftC2CBackward0',
    },
    {
      id: 'fft.rfft2/2x2',
      inputs: [x],
      run: (t) => fft.rfft2(t),
      expected: X,
      grads: [grad0],
      gradFn: 'FftR2CBackward0',
    },
    {
      id: 'fft.ifft2/round-trip',
      inputs: [x],
      run: (t) => fft.ifft2(fft.fft2(t)),
      expected: [
        [
          [1, 0],
          [2, 0],
        ],
        [
          [3, 0],
          [4, 0],
        ],
      ],
      grads: [
        [
          [1, 1],
          [1, 1],
        ],
      ],
    },
    {
      // Row 0 an impulse; row 1 [1, 1, 1, 0] after padding: 3, -i, 1, i.
      id: 'fft.fftn/s-dim',
      inputs: [{ values: x23.values }],
      run: (t) => fft.fftn(t, [4], [1]),
      expected: [
        FOUR_ONES,
        [
          [3, 0],
          [0, -1],
          [1, 0],
          [0, 1],
        ],
      ],
    },
    {
      id: 'fft.irfftn/round-trip-odd',
      inputs: [x23],
      run: (t) => fft.irfftn(fft.rfftn(t), [2, 3]),
      expected: x23.values,
      grads: [
        [
          [1, 1, 1],
          [1, 1, 1],
        ],
      ],
      gradFn: 'FftC2RBackward0',
    },
    {
      id: 'fft.irfft2/round-trip',
      inputs: [x],
      run: (t) => fft.irfft2(fft.rfft2(t)),
      expected: x.values,
      grads: [grad0.map((r) => r.map(() => 1))],
    },
    {
      id: 'fft.ifftn/round-trip',
      inputs: [x23],
      run: (t) => fft.real(fft.ifftn(fft.fftn(t))),
      expected: x23.values,
      grads: [
        [
          [1, 1, 1],
          [1, 1, 1],
        ],
      ],
    },
  ] as const satisfies readonly OpCase[];
}

/** Frequencies, shifts and the complex-pair helpers. */
function helpers() {
  const z = {
    values: [
      [3, 4],
      [-1, 0],
    ],
    requiresGrad: true,
  };
  return [
    { id: 'fft.fftfreq/4', inputs: [], run: () => fft.fftfreq(4), expected: [0, 0.25, -0.5, -0.25] },
    { id: 'fft.fftfreq/5-d', inputs: [], run: () => fft.fftfreq(5, 0.5), expected: [0, 0.4, 0.8, -0.8, -0.4] },
    { id: 'fft.rfftfreq/5', inputs: [], run: () => fft.rfftfreq(5), expected: [0, 0.2, 0.4] },
    {
      id: 'fft.fftshift/odd',
      inputs: [{ values: [0, 1, 2, 3, 4], requiresGrad: true }],
      run: (t) => fft.fftshift(t),
      expected: [3, 4, 0, 1, 2],
      grads: [[1, 1, 1, 1, 1]],
    },
    {
      id: 'fft.ifftshift/odd',
      inputs: [{ values: [0, 1, 2, 3, 4] }],
      run: (t) => fft.ifftshift(t),
      expected: [2, 3, 4, 0, 1],
    },
    {
      id: 'fft.fftshift/dim',
      inputs: [
        {
          values: [
            [0, 1],
            [2, 3],
          ],
        },
      ],
      run: (t) => fft.fftshift(t, 1),
      expected: [
        [1, 0],
        [3, 2],
      ],
    },
    {
      id: 'fft.abs/pairs',
      inputs: [z],
      run: (t) => fft.abs(t),
      expected: [5, 1],
      // z / |z|.
      grads: [
        [
          [0.6, 0.8],
          [-1, 0],
        ],
      ],
      gradFn: 'AbsBackward0',
    },
    {
      // d atan2(y, x) = (x dy - y dx) / (x^2 + y^2).
      id: 'fft.angle/pairs',
      inputs: [
        {
          values: [
            [1, 1],
            [0, 2],
          ],
          requiresGrad: true,
        },
      ],
      run: (t) => fft.angle(t),
      expected: [Math.PI / 4, Math.PI / 2],
      grads: [
        [
          [-0.5, 0.5],
          [-0.5, 0],
        ],
      ],
    },
    {
      id: 'fft.conj/pairs',
      inputs: [z],
      run: (t) => fft.conj(t),
      expected: [
        [3, -4],
        [-1, 0],
      ],
      grads: [
        [
          [1, -1],
          [1, -1],
        ],
      ],
    },
    {
      id: 'fft.complex/real-imag',
      inputs: [
        { values: [1, 2], requiresGrad: true },
        { values: [3], requiresGrad: true },
      ],
      run: (re, im) => fft.imag(fft.complex(re, im)).add(fft.real(fft.complex(re, im))),
      expected: [4, 5],
      grads: [[1, 1], [2]],
    },
  ] as const satisfies readonly OpCase[];
}

export const fftNdCases = [...nd(), ...helpers()] as const satisfies readonly OpCase[];
