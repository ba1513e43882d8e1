import type { NestedArray, Tensor } from '@ag/core';
import { cat, nn } from '@ag/core';
import type { OpCase } from '../case.js';
import { values, type T1, type T2, type T3 } from './nn-reference.js';
import { stackRef, type CellKind, type RefWeights } from './rnn-reference.js';

/**
 * The recurrent cells and layers: one step of each cell in closed form for hidden size 1 (the
 * formulas of PyTorch's documentation written out), larger sizes and stacks of layers from the
 * reference loops of rnn-reference.ts. The weights are inputs of each case, so the gradient
 * check covers them as well as the input and the states.
 */

const g = (v: unknown) => ({ values: v as NestedArray, requiresGrad: true });
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/**
 * The case's functional call: a module reads its weights from its fields at each call, so
 * fields set to the case's input tensors make those inputs its weights (for the gradient check).
 */
export function withWeights<M extends nn.Module>(m: M, weights: Record<string, Tensor>): M {
  for (const [name, w] of Object.entries(weights)) (m as unknown as Record<string, Tensor>)[name] = w;
  return m;
}

const CELL_NAMES = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'];
const cellWeights = (ws: Tensor[]) => Object.fromEntries(ws.map((w, i) => [CELL_NAMES[i]!, w]));

/** PyTorch's parameter names of a stack, in its order (weight_ih_l0, weight_hh_l0, ...). */
function layerNames(layers: number, directions: number, proj = false): string[] {
  const out: string[] = [];
  for (let l = 0; l < layers; l++) {
    for (let d = 0; d < directions; d++) {
      const s = `_l${l}${d === 1 ? '_reverse' : ''}`;
      out.push(...CELL_NAMES.map((n) => n + s), ...(proj ? [`weight_hr${s}`] : []));
    }
  }
  return out;
}

/** Weights of a stack, deterministic, as nested arrays in layerNames' order, and as the reference's. */
function stackWeights(kind: CellKind, I: number, H: number, layers: number, D: number, seed: number, P = 0) {
  const G = { tanh: 1, relu: 1, lstm: 4, gru: 3 }[kind] * H;
  const out = P > 0 ? P : H;
  const flat: unknown[] = [];
  const ref: RefWeights[] = [];
  for (let l = 0; l < layers; l++) {
    for (let d = 0; d < D; d++) {
      const k = seed + 10 * (l * D + d);
      const w: RefWeights = {
        ih: values([G, l === 0 ? I : out * D], k) as T2,
        hh: values([G, out], k + 1) as T2,
        bih: values([G], k + 2) as T1,
        bhh: values([G], k + 3) as T1,
        ...(P > 0 ? { hr: values([P, H], k + 4) as T2 } : {}),
      };
      flat.push(w.ih, w.hh, w.bih, w.bhh, ...(P > 0 ? [w.hr] : []));
      ref.push(w);
    }
  }
  return { flat, ref };
}

/**
 * The reference over a time-major batch x [T][B][I]: output [T][B][D*H_out], then h_n and (LSTM)
 * c_n [L*D][B][H], flattened in that order, as the cases return them.
 */
function stackRefFlat(kind: CellKind, x: T3, ws: RefWeights[], h0: T3, c0: T3, D: 1 | 2): number[] {
  const B = x[0]!.length;
  const per = Array.from({ length: B }, (_, b) =>
    stackRef(
      kind,
      x.map((xt) => xt[b]!),
      ws,
      h0.map((s) => s[b]!),
      c0.map((s) => s[b]!),
      D,
    ),
  );
  const y = x.flatMap((_, t) => per.flatMap(([o]) => o[t]!));
  const hn = h0.flatMap((_, k) => per.flatMap(([, h]) => h[k]!));
  const cn = kind === 'lstm' ? c0.flatMap((_, k) => per.flatMap(([, , c]) => c[k]!)) : [];
  return [...y, ...hn, ...cn];
}

const zeros3 = (a: number, b: number, c: number): T3 =>
  Array.from({ length: a }, () => Array.from({ length: b }, () => new Array<number>(c).fill(0)));

// ---- cells: one step in closed form ---------------------------------------------------------

// RNNCell(1, 1), tanh: h' = tanh(w_ih x + b_ih + w_hh h + b_hh), batch of two.
const RX = [0.5, -1];
const RH = [0.2, 0.3];
const RY = RX.map((x, b) => Math.tanh(0.7 * x + 0.1 + -0.4 * RH[b]! + -0.2));
const RD = RY.map((y) => 1 - y * y); // tanh'
const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

// LSTMCell(1, 1): gates i, f, g, o from w_ih [0.1, 0.2, 0.3, 0.4], w_hh [0.5, 0.6, 0.7, 0.8],
// b_ih [0.01, 0.02, 0.03, 0.04], b_hh [-0.05, 0.06, -0.07, 0.08], at x = 1, h = 0.5, c = 0.25.
const LI = sigmoid(0.1 * 1 + 0.5 * 0.5 + 0.01 - 0.05);
const LF = sigmoid(0.2 * 1 + 0.6 * 0.5 + 0.02 + 0.06);
const LG = Math.tanh(0.3 * 1 + 0.7 * 0.5 + 0.03 - 0.07);
const LO = sigmoid(0.4 * 1 + 0.8 * 0.5 + 0.04 + 0.08);
const LC = LF * 0.25 + LI * LG;
const LH = LO * Math.tanh(LC);

// GRUCell(1, 1): r, z, n from w_ih [0.1, 0.2, 0.3], w_hh [0.4, 0.5, 0.6], b_ih [0.01, 0.02, 0.03],
// b_hh [0.04, 0.05, 0.06] at x = 1, h = 0.5; r scales (w_hn h + b_hn), b_hn included.
const GR = sigmoid(0.1 + 0.01 + 0.4 * 0.5 + 0.04);
const GZ = sigmoid(0.2 + 0.02 + 0.5 * 0.5 + 0.05);
const GN = Math.tanh(0.3 + 0.03 + GR * (0.6 * 0.5 + 0.06));
const GH = (1 - GZ) * GN + GZ * 0.5;

const X22 = values([2, 2], 31) as T2;
const H22 = values([2, 2], 32) as T2;
const C22 = values([2, 2], 33) as T2;
const lstm22 = stackWeights('lstm', 2, 2, 1, 1, 40);
const gru22 = stackWeights('gru', 2, 2, 1, 1, 50);

export const rnnCellCases = [
  {
    id: 'rnnCell/tanh-hidden-1-closed-form',
    inputs: [g(RX.map((x) => [x])), g(RH.map((h) => [h])), g([[0.7]]), g([[-0.4]]), g([0.1]), g([-0.2])],
    run: (x, h, ...ws) => withWeights(new nn.RNNCell(1, 1), cellWeights(ws))(x, h),
    expected: RY.map((y) => [y]),
    // d(sum h')/d(...) = tanh'(pre) times the factor the pre-activation has
    grads: [
      RD.map((d) => [d * 0.7]),
      RD.map((d) => [d * -0.4]),
      [[sum(RD.map((d, b) => d * RX[b]!))]],
      [[sum(RD.map((d, b) => d * RH[b]!))]],
      [sum(RD)],
      [sum(RD)],
    ],
  },
  {
    id: 'rnnCell/relu-unbatched-no-bias',
    // relu(0.3 * 1 + 0.4 * -2 + 2 * 0.5) = relu(0.5)
    inputs: [g([1, -2]), g([0.5]), g([[0.3, 0.4]]), g([[2]])],
    run: (x, h, wih, whh) =>
      withWeights(new nn.RNNCell(2, 1, { nonlinearity: 'relu', bias: false }), { weight_ih: wih, weight_hh: whh })(
        x,
        h,
      ),
    expected: [0.5],
    grads: [[0.3, 0.4], [2], [[1, -2]], [[0.5]]],
  },
  {
    id: 'lstmCell/hidden-1-closed-form',
    inputs: [
      g([[1]]),
      g([[0.5]]),
      g([[0.25]]),
      g([[0.1], [0.2], [0.3], [0.4]]),
      g([[0.5], [0.6], [0.7], [0.8]]),
      g([0.01, 0.02, 0.03, 0.04]),
      g([-0.05, 0.06, -0.07, 0.08]),
    ],
    run: (x, h, c, ...ws) => cat(withWeights(new nn.LSTMCell(1, 1), cellWeights(ws))(x, [h, c]), -1),
    expected: [[LH, LC]],
  },
  {
    id: 'gruCell/hidden-1-closed-form',
    inputs: [
      g([[1]]),
      g([[0.5]]),
      g([[0.1], [0.2], [0.3]]),
      g([[0.4], [0.5], [0.6]]),
      g([0.01, 0.02, 0.03]),
      g([0.04, 0.05, 0.06]),
    ],
    run: (x, h, ...ws) => withWeights(new nn.GRUCell(1, 1), cellWeights(ws))(x, h),
    expected: [[GH]],
  },
  {
    id: 'lstmCell/hidden-2-reference',
    inputs: [g(X22), g(H22), g(C22), ...lstm22.flat.map(g)],
    run: (x, h, c, ...ws) => cat(withWeights(new nn.LSTMCell(2, 2), cellWeights(ws))(x, [h, c]), -1),
    expected: X22.map((_, b) => stackRefFlat('lstm', [[X22[b]!]], lstm22.ref, [[H22[b]!]], [[C22[b]!]], 1).slice(2)),
  },
  {
    id: 'gruCell/hidden-2-reference-zero-state',
    inputs: [g(X22), ...gru22.flat.map(g)],
    run: (x, ...ws) => withWeights(new nn.GRUCell(2, 2), cellWeights(ws))(x),
    expected: X22.map((xb) => stackRefFlat('gru', [[xb]], gru22.ref, [[[0, 0]]], [[[0, 0]]], 1).slice(0, 2)),
  },
] as const satisfies readonly OpCase[];

// ---- layers: stacks over sequences ------------------------------------------------------------

const LX = values([2, 1, 1], 60) as T3; // [T, B, I]
const lstm1 = stackWeights('lstm', 1, 1, 1, 1, 70);
const GX = values([2, 2, 1], 80) as T3;
const gruBi = stackWeights('gru', 1, 1, 2, 2, 90);
const RBX = values([2, 2, 2], 120) as T3; // batch-first [B, T, I]
const RB0 = values([1, 2, 2], 121) as T3;
const rnnRelu = stackWeights('relu', 2, 2, 1, 1, 130);
const timeMajor = (x: T3): T3 => x[0]!.map((_, t) => x.map((xb) => xb[t]!));
const PX = values([2, 1], 140) as T2; // [T, I], unbatched
const lstmProj = stackWeights('lstm', 1, 2, 1, 1, 150, 1);

const flatOut = (y: Tensor, states: Tensor[]) => cat([y.flatten(), ...states.map((s) => s.flatten())]);

export const rnnLayerCases = [
  {
    id: 'lstm/two-steps-hidden-1',
    inputs: [g(LX), ...lstm1.flat.map(g)],
    run: (x, ...ws) => {
      const [y, [h, c]] = withWeights(
        new nn.LSTM(1, 1),
        Object.fromEntries(layerNames(1, 1).map((n, i) => [n, ws[i]!])),
      )(x);
      return flatOut(y, [h, c]);
    },
    expected: stackRefFlat('lstm', LX, lstm1.ref, zeros3(1, 1, 1), zeros3(1, 1, 1), 1),
  },
  {
    id: 'gru/two-layers-bidirectional',
    inputs: [g(GX), ...gruBi.flat.map(g)],
    run: (x, ...ws) => {
      const m = new nn.GRU(1, 1, { numLayers: 2, bidirectional: true });
      const [y, h] = withWeights(m, Object.fromEntries(layerNames(2, 2).map((n, i) => [n, ws[i]!])))(x);
      return flatOut(y, [h]);
    },
    expected: stackRefFlat('gru', GX, gruBi.ref, zeros3(4, 2, 1), zeros3(4, 2, 1), 2),
  },
  {
    id: 'rnn/relu-batch-first-with-h0',
    inputs: [g(RBX), g(RB0), ...rnnRelu.flat.map(g)],
    run: (x, h0, ...ws) => {
      const m = new nn.RNN(2, 2, { nonlinearity: 'relu', batchFirst: true });
      const [y, h] = withWeights(m, Object.fromEntries(layerNames(1, 1).map((n, i) => [n, ws[i]!])))(x, h0);
      return flatOut(y.transpose(0, 1), [h]); // compared time-major
    },
    expected: stackRefFlat('relu', timeMajor(RBX), rnnRelu.ref, RB0, RB0, 1),
  },
  {
    id: 'lstm/projection-unbatched',
    inputs: [g(PX), ...lstmProj.flat.map(g)],
    run: (x, ...ws) => {
      const m = new nn.LSTM(1, 2, { projSize: 1 });
      const [y, [h, c]] = withWeights(m, Object.fromEntries(layerNames(1, 1, true).map((n, i) => [n, ws[i]!])))(x);
      return flatOut(y, [h, c]);
    },
    expected: stackRefFlat(
      'lstm',
      PX.map((xt) => [xt]),
      lstmProj.ref,
      [[[0]]],
      [[[0, 0]]],
      1,
    ),
  },
] as const satisfies readonly OpCase[];

export { layerNames, stackRefFlat, stackWeights, zeros3 };
