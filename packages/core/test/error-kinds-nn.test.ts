import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutogradError } from '../src/index.js';
import {
  AgError,
  ArgumentError,
  DTypeError,
  FormatError,
  IndexError,
  ShapeError,
  ValueError,
  data,
  fft,
  functional as F,
  linalg,
  nn,
  registerBackend,
  setDefaultDevice,
  tensor,
  unregisterBackend,
  zeros,
} from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

/**
 * One bad input of each kind for nn, functional, data, linalg and fft: the error is of the class
 * its kind names (and so an AgError), and its message starts with the op. Each is refused by a
 * check before any kernel runs, so the fake backend serves.
 */
beforeAll(() => {
  registerBackend(fakeBackend('error-kinds-test'));
  setDefaultDevice('error-kinds-test');
});
afterAll(() => {
  unregisterBackend('error-kinds-test');
});

type Kind =
  | typeof ArgumentError
  | typeof AutogradError
  | typeof DTypeError
  | typeof FormatError
  | typeof IndexError
  | typeof ShapeError
  | typeof ValueError;

const cases: [string, () => unknown, Kind, RegExp][] = [
  [
    'Linear: an input of the wrong width',
    () => new nn.Linear(3, 2)(zeros([4, 5])),
    ShapeError,
    /^Linear: expected input with last dimension 3/,
  ],
  [
    'Conv2d: channels that groups do not divide',
    () => new nn.Conv2d(3, 4, 3, { groups: 2 }),
    ValueError,
    /^Conv2d: in_channels \(3\) and out_channels \(4\) must both be divisible by groups \(2\)/,
  ],
  ['Conv2d: an input of 2 dims', () => new nn.Conv2d(1, 1, 1)(zeros([2, 2])), ShapeError, /^Conv2d: /],
  [
    'Dropout: p = 1.5',
    () => new nn.Dropout(1.5),
    ValueError,
    /^Dropout: probability has to be between 0 and 1, but got 1.5/,
  ],
  [
    'Embedding: float indices',
    () => new nn.Embedding(4, 2)(zeros([2])),
    DTypeError,
    /^Embedding: expected int32 indices, got float32/,
  ],
  [
    'MultiheadAttention: heads that do not divide',
    () => new nn.MultiheadAttention(6, 4),
    ValueError,
    /^MultiheadAttention: embed_dim \(6\) must be divisible by num_heads \(4\)/,
  ],
  [
    'LSTM: a 4-D input',
    () => new nn.LSTM(2, 3)(zeros([1, 1, 1, 2])),
    ShapeError,
    /^LSTM: Expected input to be 2D or 3D, got 4D/,
  ],
  [
    'LSTM: hx that is not a pair',
    () => new nn.LSTM(2, 3)(zeros([1, 1, 2]), [zeros([1, 1, 3])] as never),
    ArgumentError,
    /^LSTM: expected hx as \[h0, c0\]/,
  ],
  [
    'ModuleList: index 5 of 1',
    () => new nn.ModuleList([new nn.ReLU()]).at(5),
    IndexError,
    /^ModuleList: index 5 is out of range for 1 modules/,
  ],
  [
    'registerParameter: a plain tensor',
    () => {
      const plain: unknown = zeros([1]); // as JavaScript could pass it
      new nn.Sequential().registerParameter('w', plain as null);
    },
    ArgumentError,
    /^registerParameter: cannot assign 'Tensor' object/,
  ],
  [
    'Module.loadStateDict: a missing key',
    () => new nn.Linear(1, 1).loadStateDict({}),
    FormatError,
    /^Error\(s\) in loading state_dict for Linear:/,
  ],
  [
    'smoothL1Loss: beta -1',
    () => F.smoothL1Loss(zeros([2]), zeros([2]), { beta: -1 }),
    ValueError,
    /^smoothL1Loss: beta must be non-negative, got -1/,
  ],
  [
    'crossEntropy: float class targets of the wrong shape',
    () => F.crossEntropy(zeros([2, 3]), zeros([3])),
    ShapeError,
    /^crossEntropy: /,
  ],
  [
    'nllLoss: float32 class indices',
    () => F.nllLoss(zeros([2, 3]), zeros([2])),
    DTypeError,
    /^nllLoss: expected class-index target of dtype int32/,
  ],
  [
    'embedding: paddingIdx out of range',
    () => F.embedding(tensor([0], { dtype: 'int32' }), zeros([3, 2]), 5),
    IndexError,
    /^embedding: paddingIdx must be within the 3 embeddings/,
  ],
  [
    'TensorDataset: first dims that differ',
    () => new data.TensorDataset(zeros([2]), zeros([3])),
    ShapeError,
    /^TensorDataset: size mismatch between tensors/,
  ],
  [
    'DataLoader: batchSize 0',
    () => new data.DataLoader(new data.TensorDataset(zeros([2])), { batchSize: 0 }),
    ValueError,
    /^DataLoader: batchSize must be a positive integer, got 0/,
  ],
  [
    'Subset: index 3 of 1',
    () => new data.Subset(new data.TensorDataset(zeros([2])), [0]).get(3),
    IndexError,
    /^Subset: index 3 out of range for a subset of 1/,
  ],
  [
    'linalg.multiDot: one matrix',
    () => linalg.multiDot([zeros([2, 2])]),
    ValueError,
    /^linalg\.multi_dot: expected at least 2 tensors but got 1/,
  ],
  [
    'linalg.inv: a 1-D input',
    () => linalg.inv(zeros([2])),
    ShapeError,
    /^linalg\.inv: The input tensor A must have at least 2 dimensions/,
  ],
  [
    'linalg.inv: int32 input',
    () => linalg.inv(zeros([2, 2], { dtype: 'int32' })),
    DTypeError,
    /^linalg\.inv: Expected a floating point or complex tensor as input. Got int32/,
  ],
  [
    'linalg.multiDot: matrices that do not chain',
    () => linalg.multiDot([zeros([2, 3]), zeros([2, 3])]),
    ShapeError,
    /^linalg\.multi_dot: tensors 0 and 1 with shapes \[2, 3\] and \[2, 3\] cannot be multiplied/,
  ],
  [
    'fft.fft: n = 0',
    () => fft.fft(zeros([4]), 0),
    ValueError,
    /^fft\.fft: Invalid number of data points \(0\) specified/,
  ],
  ['fft.fftfreq: n = -1', () => fft.fftfreq(-1), ValueError, /^fft\.fftfreq: n must be a non-negative integer, got -1/],
  [
    'fft.fft: a 0-D input',
    () => fft.fft(zeros([])),
    IndexError,
    /^fft\.fft: Dimension specified as -1 but tensor has no dimensions/,
  ],
];

describe('errors of nn, functional, data, linalg and fft by kind', () => {
  it.each(cases)('%s', (_, run, kind, message) => {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(kind);
    expect(caught).toBeInstanceOf(AgError);
    expect((caught as Error).message).toMatch(message);
  });
});
