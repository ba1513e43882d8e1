import { manualSeed, nn, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, ScriptCase } from '../case.js';
import { layerNames } from './rnn.js';

/** The recurrent layers' parameters, shapes, printed forms, dropout between layers and bad input. */

const shapesOf = (m: nn.Module) => m.namedParameters().map(([n, p]) => [n, [...p.shape]]);

export const rnnScripts = [
  {
    id: 'rnn/parameter-names-shapes-as-pytorch',
    run: (check) => {
      // PyTorch: nn.LSTM(3, 4, num_layers=2, bidirectional=True, proj_size=2): 4 gates of 4,
      // h of the projection's size 2, layer 1 reading both directions' 2 + 2.
      const lstm = new nn.LSTM(3, 4, { numLayers: 2, bidirectional: true, projSize: 2 });
      const shapes = [[16, 3], [16, 2], [16], [16], [2, 4], [16, 3], [16, 2], [16], [16], [2, 4]];
      const layer1 = shapes.map((s) => (s[1] === 3 ? [16, 4] : s));
      check.equal(
        shapesOf(lstm),
        layerNames(2, 2, true).map((n, i) => [n, i < 10 ? shapes[i]! : layer1[i - 10]!]),
      );
      check.equal(shapesOf(new nn.GRU(2, 3, { bias: false })), [
        ['weight_ih_l0', [9, 2]],
        ['weight_hh_l0', [9, 3]],
      ]);
      check.equal(shapesOf(new nn.RNNCell(2, 3)), [
        ['weight_ih', [3, 2]],
        ['weight_hh', [3, 3]],
        ['bias_ih', [3]],
        ['bias_hh', [3]],
      ]);
      check.equal(Object.keys(new nn.LSTMCell(1, 2).stateDict()), ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']);
      check.equal(
        lstm.allWeights.map((ws) => ws.length),
        [5, 5, 5, 5],
        'allWeights: by layer and direction',
      );
      return Promise.resolve();
    },
  },
  {
    id: 'rnn/default-init-within-one-over-sqrt-hidden',
    run: async (check) => {
      manualSeed(0);
      const bound = 1 / Math.sqrt(16);
      for (const m of [new nn.GRU(8, 16, { numLayers: 2 }), new nn.LSTMCell(8, 16)]) {
        const all = (await Promise.all(m.parameters().map((p) => p.toTypedArray()))).flatMap((a) => Array.from(a));
        check.equal(
          all.every((v) => Math.abs(v) <= bound),
          true,
          'uniform(-1/sqrt(16), 1/sqrt(16))',
        );
        check.equal(Math.max(...all.map(Math.abs)) > 0.95 * bound, true, 'spread over the range');
      }
    },
  },
  {
    id: 'rnn/shapes-multi-layer-bidirectional-batch-first',
    run: (check) => {
      const gru = new nn.GRU(3, 5, { numLayers: 3, bidirectional: true, batchFirst: true });
      const [y, h] = gru(ones([2, 4, 3]));
      check.equal(
        [y.shape, h.shape],
        [
          [2, 4, 10],
          [6, 2, 5],
        ],
      );
      const [yu, hu] = gru(ones([4, 3]), zeros([6, 5])); // unbatched: no batch dim anywhere
      check.equal(
        [yu.shape, hu.shape],
        [
          [4, 10],
          [6, 5],
        ],
      );
      const lstm = new nn.LSTM(3, 4, { numLayers: 2, projSize: 2, bidirectional: true });
      const [yl, [hl, cl]] = lstm(ones([7, 2, 3]));
      check.equal(
        [yl.shape, hl.shape, cl.shape],
        [
          [7, 2, 4],
          [4, 2, 2],
          [4, 2, 4],
        ],
      );
      const [, hr] = new nn.RNN(3, 2)(ones([0, 2, 3]));
      check.equal(hr.shape, [1, 2, 2], 'an empty sequence leaves h0');
      return Promise.resolve();
    },
  },
  {
    id: 'rnn/printed-forms',
    run: (check) => {
      check.equal(String(new nn.LSTM(10, 20, { numLayers: 2 })), 'LSTM(10, 20, num_layers=2)');
      check.equal(
        String(new nn.GRU(2, 3, { bias: false, batchFirst: true, dropout: 0.5, bidirectional: true })),
        'GRU(2, 3, bias=False, batch_first=True, dropout=0.5, bidirectional=True)',
      );
      check.equal(String(new nn.LSTM(3, 4, { projSize: 2 })), 'LSTM(3, 4, proj_size=2)');
      check.equal(String(new nn.RNNCell(2, 3, { nonlinearity: 'relu' })), "RNNCell(2, 3, nonlinearity='relu')");
      check.equal(String(new nn.GRUCell(2, 3, { bias: false })), 'GRUCell(2, 3, bias=False)');
      return Promise.resolve();
    },
  },
  {
    id: 'rnn/dropout-between-layers',
    run: async (check) => {
      // RNN(1, 1, num_layers=2, dropout=1): in training layer 1 reads zeros, so its output is
      // tanh(b_ih + b_hh + w_hh h) step by step; in eval the dropout is gone.
      const m = new nn.RNN(1, 1, { numLayers: 2, dropout: 1 });
      m.loadStateDict({
        weight_ih_l0: tensor([[1]]),
        weight_hh_l0: tensor([[0]]),
        bias_ih_l0: tensor([0]),
        bias_hh_l0: tensor([0]),
        weight_ih_l1: tensor([[2]]),
        weight_hh_l1: tensor([[0.5]]),
        bias_ih_l1: tensor([0.25]),
        bias_hh_l1: tensor([-0.5]),
      });
      const x = tensor([[[1]], [[-1]]]);
      const h1 = Math.tanh(-0.25);
      await check.close(m(x)[0], [[[h1]], [[Math.tanh(-0.25 + 0.5 * h1)]]], 'training: layer 1 reads zeros');
      m.eval();
      const a = Math.tanh(2 * Math.tanh(1) - 0.25);
      await check.close(m(x)[0], [[[a]], [[Math.tanh(2 * Math.tanh(-1) - 0.25 + 0.5 * a)]]], 'eval: no dropout');
    },
  },
] as const satisfies readonly ScriptCase[];

export const rnnErrors = [
  {
    id: 'error/lstm-input-size',
    inputs: () => [ones([5, 2, 2])],
    run: (x) => new nn.LSTM(3, 4)(x),
    throws: /LSTM: input\.size\(-1\) must be equal to input_size\. Expected 3, got 2/,
    kind: 'shape',
  },
  {
    id: 'error/gru-hidden-size',
    inputs: () => [ones([5, 4, 2]), zeros([1, 4, 3])],
    run: (x, h) => new nn.GRU(2, 3, { numLayers: 2 })(x, h),
    throws: /GRU: Expected hidden size \(2, 4, 3\), got \[1, 4, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/lstm-cell-state-size',
    inputs: () => [ones([5, 2, 3]), zeros([1, 2, 4]), zeros([1, 2, 3])],
    run: (x, h, c) => new nn.LSTM(3, 4)(x, [h, c]),
    throws: /LSTM: Expected hidden\[1\] size \(1, 2, 4\), got \[1, 2, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/rnn-input-dims',
    inputs: () => [ones([1, 5, 2, 3])],
    run: (x) => new nn.RNN(3, 4)(x),
    throws: /RNN: Expected input to be 2D or 3D, got 4D instead \(shape \[1, 5, 2, 3\]\)/,
    kind: 'shape',
  },
  {
    id: 'error/rnn-unbatched-hidden-dims',
    inputs: () => [ones([5, 3]), zeros([1, 1, 4])],
    run: (x, h) => new nn.RNN(3, 4)(x, h),
    throws: /RNN: For unbatched 2-D input, hidden should also be 2-D but got 3-D tensor/,
    kind: 'shape',
  },
  {
    id: 'error/lstmCell-input-size',
    inputs: () => [ones([2, 3])],
    run: (x) => new nn.LSTMCell(2, 4)(x),
    throws: /LSTMCell: input has inconsistent input_size: got 3 expected 2 \(input of shape \[2, 3\]\)/,
    kind: 'shape',
  },
  {
    id: 'error/gruCell-batch',
    inputs: () => [ones([2, 3]), zeros([3, 4])],
    run: (x, h) => new nn.GRUCell(3, 4)(x, h),
    throws: /GRUCell: Input batch size 2 doesn't match hidden0 batch size 3/,
    kind: 'shape',
  },
  {
    id: 'error/rnn-dropout-range',
    inputs: () => [],
    run: () => new nn.LSTM(2, 2, { dropout: 1.5 }).numLayers,
    throws: /LSTM: dropout should be a number in range \[0, 1\] .*, got 1\.5/,
    kind: 'value',
  },
  {
    id: 'error/lstm-proj-size',
    inputs: () => [],
    run: () => new nn.LSTM(2, 2, { projSize: 2 }).numLayers,
    throws: /LSTM: proj_size has to be smaller than hidden_size, got 2 and 2/,
    kind: 'value',
  },
  {
    id: 'error/rnn-nonlinearity',
    inputs: () => [],
    run: () => new nn.RNN(2, 2, { nonlinearity: 'sigmoid' as 'tanh' }).numLayers,
    throws: /nn\.RNN: argument 3 \('options'\) option 'nonlinearity' got "sigmoid"; it expects "tanh" or "relu"/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
