import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { tensor, zeros } from '../ops/creation.js';
import { cat, stack } from '../ops/join.js';
import { where } from '../ops/elementwise.js';
import { Module } from './module.js';
import type { Parameter } from './parameter.js';
import type { LayerOptions } from './linear.js';
import { pyBool, pyFloat } from '../format/python-repr.js';
import { checkNonlinearity, gruStep, lstmStep, rnnStep, rnnWeight, type Nonlinearity } from './rnn-cells.js';
import { PackedSequence, packData, readInts, unpackSorted } from './rnn-packing.js';
import { ArgumentError, ShapeError, ValueError } from '../errors.js';

export interface RNNOptions extends LayerOptions {
  numLayers?: number;
  bias?: boolean;
  /** Input and output as [batch, seq, feature] instead of [seq, batch, feature]; states keep [layers, batch, hidden]. */
  batchFirst?: boolean;
  /** Dropout on the outputs of every layer but the last, in training. */
  dropout?: number;
  bidirectional?: boolean;
}

type Mode = 'RNN' | 'LSTM' | 'GRU';

/** A layer's weights for one direction, as PyTorch names them with its suffix (`_l1_reverse`). */
export interface LayerWeights {
  wIh: Tensor;
  bIh: Tensor | null;
  wHh: Tensor;
  bHh: Tensor | null;
  wHr: Tensor | null;
}

/** The states a direction of a layer carries: h, and c for an LSTM. */
export type State = [Tensor] | [Tensor, Tensor];

/**
 * What RNN, LSTM and GRU share (torch.nn.RNNBase): the parameters, registered in PyTorch's order
 * and under its names (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, weight_hr_l0 for a
 * projected LSTM, then `_reverse`, then the next layer), so state dicts load across; each drawn
 * from uniform(-1/sqrt(hidden), 1/sqrt(hidden)) in that order, as reset_parameters draws them.
 */
export abstract class RNNBase extends Module {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly projSize: number;
  declare readonly weight_ih_l0: Parameter;
  declare readonly weight_hh_l0: Parameter;
  declare readonly bias_ih_l0: Parameter | null;
  declare readonly bias_hh_l0: Parameter | null;

  constructor(
    private readonly mode: Mode,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RNNOptions & { projSize?: number },
  ) {
    super();
    const name = mode;
    this.numLayers = options.numLayers ?? 1;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = options.dropout ?? 0;
    this.bidirectional = options.bidirectional ?? false;
    this.projSize = options.projSize ?? 0;
    if (!(this.dropout >= 0 && this.dropout <= 1))
      throw new ValueError(
        `${name}: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got ${this.dropout}`,
      );
    if (!(hiddenSize > 0)) throw new ValueError(`${name}: hidden_size must be greater than zero, got ${hiddenSize}`);
    if (!(this.numLayers > 0))
      throw new ValueError(`${name}: num_layers must be greater than zero, got ${this.numLayers}`);
    if (this.projSize < 0)
      throw new ValueError(
        `${name}: proj_size should be a positive integer or zero to disable projections, got ${this.projSize}`,
      );
    if (this.projSize >= hiddenSize)
      throw new ValueError(
        `${name}: proj_size has to be smaller than hidden_size, got ${this.projSize} and ${hiddenSize}`,
      );
    const gates = { RNN: 1, LSTM: 4, GRU: 3 }[mode] * hiddenSize;
    const out = this.outputSize();
    for (let l = 0; l < this.numLayers; l++) {
      for (const suffix of this.suffixes(l)) {
        const input = l === 0 ? inputSize : out * this.directions();
        const w = (n: string, shape: number[]) => {
          this.registerParameter(n + suffix, rnnWeight(shape, hiddenSize, options));
        };
        w('weight_ih', [gates, input]);
        w('weight_hh', [gates, out]);
        if (this.bias) {
          w('bias_ih', [gates]);
          w('bias_hh', [gates]);
        }
        if (this.projSize > 0) w('weight_hr', [this.projSize, hiddenSize]);
      }
    }
  }

  private directions(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** The size of h: the projection's, where there is one. */
  private outputSize(): number {
    return this.projSize > 0 ? this.projSize : this.hiddenSize;
  }

  private suffixes(l: number): string[] {
    return this.bidirectional ? [`_l${l}`, `_l${l}_reverse`] : [`_l${l}`];
  }

  /** Read at each call: `to()` replaces the parameters. */
  private layerWeights(suffix: string): LayerWeights {
    const own = this as unknown as Record<string, Tensor | null | undefined>;
    return {
      wIh: own[`weight_ih${suffix}`]!,
      wHh: own[`weight_hh${suffix}`]!,
      bIh: own[`bias_ih${suffix}`] ?? null,
      bHh: own[`bias_hh${suffix}`] ?? null,
      wHr: own[`weight_hr${suffix}`] ?? null,
    };
  }

  /** One time step of the recurrence: the next states from the input's projection `gi`. */
  protected abstract step(gi: Tensor, state: State, w: LayerWeights): State;

  /** One direction of one layer over x [T, B, in]: the outputs [T, B, out] and the last states. */
  private runDirection(
    x: Tensor,
    state: State,
    w: LayerWeights,
    reverse: boolean,
    masks: Tensor[] | null,
  ): [Tensor, State] {
    const T = x.shape[0]!;
    const gi = F.linear(x, w.wIh, w.bIh); // every step's input projection in one matmul
    const outs = new Array<Tensor>(T);
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const g = gi.select(0, t);
      const next = this.step(g, state, w);
      // A packed batch: a sequence whose steps are over keeps its last state (so the reverse
      // direction starts at each sequence's own last step).
      const m = masks?.[t];
      state = m === undefined ? next : (next.map((n, k) => where(m, n, state[k]!)) as State);
      outs[t] = state[0];
    }
    const empty = () => zeros([0, x.shape[1]!, this.outputSize()], { dtype: x.dtype, device: x.device });
    return [T === 0 ? empty() : stack(outs, 0), state];
  }

  /**
   * The stack of layers over x [T, B, I] (time-major, batched) from the initial states
   * [L*D, B, H] (one per kind of state); `lengths` (sorted, decreasing) for a packed batch.
   */
  protected run(x: Tensor, hx: Tensor[], lengths: number[] | null): [Tensor, Tensor[]] {
    const T = x.shape[0]!;
    const masks =
      lengths === null
        ? null
        : Array.from({ length: T }, (_, t) =>
            tensor(
              lengths.map((l) => [t < l]),
              { dtype: 'bool', device: x.device },
            ),
          );
    const finals: State[] = [];
    let input = x;
    for (let l = 0; l < this.numLayers; l++) {
      const outs = this.suffixes(l).map((suffix, d) => {
        const k = l * this.directions() + d;
        const [out, last] = this.runDirection(
          input,
          hx.map((h) => h.select(0, k)) as State,
          this.layerWeights(suffix),
          d === 1,
          masks,
        );
        finals.push(last);
        return out;
      });
      input = outs.length === 1 ? outs[0]! : cat(outs, 2);
      if (l < this.numLayers - 1) input = F.dropout(input, this.dropout, this.training);
    }
    return [
      input,
      hx.map((_, i) =>
        stack(
          finals.map((s) => s[i]!),
          0,
        ),
      ),
    ];
  }

  /**
   * Checks the input and the initial states, runs, and puts the results back in the input's
   * layout; `hx` holds the states given (h, or h and c), each possibly null.
   */
  protected forwardImpl(input: Tensor | PackedSequence, hx: (Tensor | null)[]): [Tensor | PackedSequence, Tensor[]] {
    const name = this.mode;
    const D = this.directions();
    const sizes = [this.outputSize(), this.hiddenSize]; // h's, then c's
    let x: Tensor;
    let lengths: number[] | null = null;
    let batchSizes: number[] = [];
    let batched = true;
    if (input instanceof PackedSequence) {
      batchSizes = readInts(name, 'batchSizes', input.batchSizes);
      [x, lengths] = unpackSorted(name, input.data, batchSizes, 0);
      // The states are given in the batch's own order; the packed batch runs sorted.
      const sorted = input.sortedIndices;
      if (sorted !== null) hx = hx.map((h) => h?.indexSelect(1, sorted) ?? null);
    } else {
      if (input.ndim !== 2 && input.ndim !== 3)
        throw new ShapeError(
          `${name}: Expected input to be 2D or 3D, got ${input.ndim}D instead (shape ${formatShape(input.shape)})`,
        );
      batched = input.ndim === 3;
      x = !batched ? input.unsqueeze(1) : this.batchFirst ? input.transpose(0, 1) : input;
    }
    if (x.shape[2] !== this.inputSize)
      throw new ShapeError(
        `${name}: input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${x.shape[2]}`,
      );
    const B = x.shape[1]!;
    const states = hx.map((h, i) => {
      const expected = [this.numLayers * D, B, sizes[i]!];
      if (h === null) return zeros(expected, { dtype: x.dtype, device: x.device });
      const what = hx.length === 1 ? 'hidden' : `hidden[${i}]`;
      if (h.ndim !== (batched ? 3 : 2))
        throw new ShapeError(
          `${name}: For ${batched ? 'batched 3-D' : 'unbatched 2-D'} input, ${what} should also be ${batched ? 3 : 2}-D but got ${h.ndim}-D tensor`,
        );
      const h3 = batched ? h : h.unsqueeze(1);
      if (!shapesEqual(h3.shape, expected)) {
        const want = batched ? expected : [expected[0]!, expected[2]!];
        throw new ShapeError(`${name}: Expected ${what} size (${want.join(', ')}), got ${formatShape(h.shape)}`);
      }
      return h3;
    });
    const [y, finals] = this.run(x, states, lengths);
    if (input instanceof PackedSequence) {
      const unsorted = input.unsortedIndices;
      const order = Array.from({ length: B }, (_, j) => j);
      const data = packData(y, batchSizes, order);
      const out = new PackedSequence(data, input.batchSizes, input.sortedIndices, unsorted);
      return [out, unsorted === null ? finals : finals.map((h) => h.indexSelect(1, unsorted))];
    }
    if (!batched) return [y.squeeze(1), finals.map((h) => h.squeeze(1))];
    return [this.batchFirst ? y.transpose(0, 1) : y, finals];
  }

  /** Nothing to do (torch's flatten_parameters packs weights for cuDNN): the weights are used as they are. */
  flattenParameters(): void {
    // Kept so that PyTorch code calling it runs unchanged.
  }

  /** All the weights, by layer and direction, in PyTorch's order (torch's `all_weights`). */
  get allWeights(): Parameter[][] {
    const own = this as unknown as Record<string, Parameter | undefined>;
    return Array.from({ length: this.numLayers }, (_, l) => this.suffixes(l))
      .flat()
      .map((s) => ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh', 'weight_hr'].flatMap((n) => own[n + s] ?? []));
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += `, bias=${pyBool(false)}`;
    if (this.batchFirst) s += `, batch_first=${pyBool(true)}`;
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += `, bidirectional=${pyBool(true)}`;
    return s;
  }
}

// A module's call is typed from `forward`'s parameters, which loses a generic forward's link
// between input and output: the calls of RNN, LSTM and GRU say it again (a PackedSequence in,
// one out).
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- the call signatures */
export interface RNN {
  <X extends Tensor | PackedSequence>(input: X, hx?: Tensor | null): [X, Tensor];
}
export interface LSTM {
  <X extends Tensor | PackedSequence>(input: X, hx?: readonly [Tensor, Tensor] | null): [X, [Tensor, Tensor]];
}
export interface GRU {
  <X extends Tensor | PackedSequence>(input: X, hx?: Tensor | null): [X, Tensor];
}

/**
 * A multi-layer Elman RNN (torch.nn.RNN): h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh),
 * or relu. `forward(input, h0?)` returns [output, h_n]; a PackedSequence in gives one out.
 */
export class RNN extends RNNBase {
  readonly nonlinearity: Nonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions & { nonlinearity?: Nonlinearity } = {}) {
    super('RNN', inputSize, hiddenSize, options);
    this.nonlinearity = checkNonlinearity('RNN', options.nonlinearity);
  }

  protected step(gi: Tensor, [h]: State, w: LayerWeights): State {
    return [rnnStep(gi, h, w, this.nonlinearity)];
  }

  forward<X extends Tensor | PackedSequence>(input: X, hx?: Tensor | null): [X, Tensor] {
    const [y, [h]] = this.forwardImpl(input, [hx ?? null]);
    return [y as X, h!];
  }
}

/**
 * A multi-layer LSTM (torch.nn.LSTM), gates i, f, g, o; with `projSize`, h is projected by
 * weight_hr. `forward(input, [h0, c0]?)` returns [output, [h_n, c_n]].
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions & { projSize?: number } = {}) {
    super('LSTM', inputSize, hiddenSize, options);
  }

  protected step(gi: Tensor, [h, c]: State, w: LayerWeights): State {
    return lstmStep(gi, h, c!, w);
  }

  forward<X extends Tensor | PackedSequence>(input: X, hx?: readonly [Tensor, Tensor] | null): [X, [Tensor, Tensor]] {
    if (hx != null && (!Array.isArray(hx) || hx.length !== 2))
      throw new ArgumentError(
        'LSTM: expected hx as [h0, c0], two tensors of shape [num_layers * num_directions, batch, hidden]',
      );
    const [y, [h, c]] = this.forwardImpl(input, hx == null ? [null, null] : [hx[0], hx[1]]);
    return [y as X, [h!, c!]];
  }
}

/** A multi-layer GRU (torch.nn.GRU), gates r, z, n. `forward(input, h0?)` returns [output, h_n]. */
export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super('GRU', inputSize, hiddenSize, options);
  }

  protected step(gi: Tensor, [h]: State, w: LayerWeights): State {
    return [gruStep(gi, h, w)];
  }

  forward<X extends Tensor | PackedSequence>(input: X, hx?: Tensor | null): [X, Tensor] {
    const [y, [h]] = this.forwardImpl(input, [hx ?? null]);
    return [y as X, h!];
  }
}
/* eslint-enable @typescript-eslint/no-unsafe-declaration-merging */
