import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { zeros } from '../ops/creation.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { empty } from './empty.js';
import { uniform_ } from './init.js';
import type { LayerOptions } from './linear.js';
import { pyBool } from '../format/python-repr.js';
import { ArgumentError, ShapeError, ValueError } from '../errors.js';

/**
 * One step of each recurrence, shared by the cells and the multi-layer modules. `gi` is the
 * input's projection x W_ih^T + b_ih (the modules compute it for every step in one matmul);
 * the gate order is PyTorch's, so weights load from its state dicts.
 */

export type Nonlinearity = 'tanh' | 'relu';

/** One layer's weights: PyTorch's w_ih, w_hh, b_ih, b_hh and, for a projected LSTM, w_hr. */
export interface StepWeights {
  readonly wHh: Tensor;
  readonly bHh: Tensor | null;
  readonly wHr?: Tensor | null;
}

/** h' = act(gi + W_hh h + b_hh). */
export function rnnStep(gi: Tensor, h: Tensor, w: StepWeights, nonlinearity: Nonlinearity): Tensor {
  const pre = gi.add(F.linear(h, w.wHh, w.bHh));
  return nonlinearity === 'relu' ? pre.relu() : pre.tanh();
}

/** Gates i, f, g, o (in that order); c' = f c + i g, h' = o tanh(c'), then h' W_hr^T if projected. */
export function lstmStep(gi: Tensor, h: Tensor, c: Tensor, w: StepWeights): [Tensor, Tensor] {
  const [i, f, g, o] = gi.add(F.linear(h, w.wHh, w.bHh)).chunk(4, -1) as [Tensor, Tensor, Tensor, Tensor];
  const c1 = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
  const h1 = o.sigmoid().mul(c1.tanh());
  return [w.wHr == null ? h1 : h1.matmul(w.wHr.t()), c1];
}

/** Gates r, z, n: n = tanh(gi_n + r (W_hn h + b_hn)), h' = (1 - z) n + z h. */
export function gruStep(gi: Tensor, h: Tensor, w: StepWeights): Tensor {
  const [ir, iz, inn] = gi.chunk(3, -1) as [Tensor, Tensor, Tensor];
  const [hr, hz, hn] = F.linear(h, w.wHh, w.bHh).chunk(3, -1) as [Tensor, Tensor, Tensor];
  const r = ir.add(hr).sigmoid();
  const z = iz.add(hz).sigmoid();
  const n = inn.add(r.mul(hn)).tanh();
  return n.add(z.mul(h.sub(n)));
}

export interface RNNCellOptions extends LayerOptions {
  bias?: boolean;
}

/** Weights of a cell or a layer: uniform in ±1/sqrt(hidden), PyTorch's reset_parameters. */
export function rnnWeight(shape: number[], hiddenSize: number, options: LayerOptions): Parameter {
  const bound = 1 / Math.sqrt(hiddenSize);
  return new Parameter(uniform_(empty(shape, options), -bound, bound));
}

/** What the cells share (torch.nn.RNNCellBase): the four parameters and the input checks. */
abstract class RNNCellBase extends Module {
  readonly weight_ih: Parameter;
  readonly weight_hh: Parameter;
  readonly bias_ih: Parameter | null;
  readonly bias_hh: Parameter | null;
  readonly bias: boolean;

  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    gates: number,
    options: RNNCellOptions,
  ) {
    super();
    const name = new.target.name;
    if (!(hiddenSize > 0)) throw new ValueError(`${name}: hidden_size must be greater than zero, got ${hiddenSize}`);
    this.bias = options.bias ?? true;
    const G = gates * hiddenSize;
    this.weight_ih = rnnWeight([G, inputSize], hiddenSize, options);
    this.weight_hh = rnnWeight([G, hiddenSize], hiddenSize, options);
    this.bias_ih = this.bias ? rnnWeight([G], hiddenSize, options) : null;
    this.bias_hh = this.bias ? rnnWeight([G], hiddenSize, options) : null;
  }

  /**
   * The input as a batch [B, I] (an unbatched [I] gains a batch dim) and each state as [B, H]
   * (zeros when left out), checked as PyTorch's cells check them.
   */
  protected prepare(input: Tensor, states: readonly (Tensor | null | undefined)[]): [Tensor, Tensor[], boolean] {
    const name = this.constructor.name;
    if (input.ndim !== 1 && input.ndim !== 2)
      throw new ShapeError(`${name}: Expected input to be 1D or 2D, got ${input.ndim}D instead`);
    const batched = input.ndim === 2;
    const x = batched ? input : input.unsqueeze(0);
    if (x.shape[1] !== this.inputSize)
      throw new ShapeError(
        `${name}: input has inconsistent input_size: got ${x.shape[1]} expected ${this.inputSize} (input of shape ${formatShape(input.shape)})`,
      );
    const B = x.shape[0]!;
    const out = states.map((s, k) => {
      if (s == null) return zeros([B, this.hiddenSize], { dtype: x.dtype, device: x.device });
      if (s.ndim !== input.ndim)
        throw new ShapeError(
          `${name}: expected hidden state ${k} of ${input.ndim} dims (as the input), got shape ${formatShape(s.shape)}`,
        );
      const h = batched ? s : s.unsqueeze(0);
      if (h.shape[0] !== B)
        throw new ShapeError(`${name}: Input batch size ${B} doesn't match hidden${k} batch size ${h.shape[0]}`);
      if (h.shape[1] !== this.hiddenSize)
        throw new ShapeError(
          `${name}: hidden${k} has inconsistent hidden_size: got ${h.shape[1]}, expected ${this.hiddenSize}`,
        );
      return h;
    });
    return [x, out, batched];
  }

  protected weights(): StepWeights {
    return { wHh: this.weight_hh, bHh: this.bias_hh };
  }

  protected projectInput(x: Tensor): Tensor {
    return F.linear(x, this.weight_ih, this.bias_ih);
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? '' : `, bias=${pyBool(false)}`}`;
  }
}

/** An Elman cell (torch.nn.RNNCell): h' = tanh(W_ih x + b_ih + W_hh h + b_hh), or relu. */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: Nonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions & { nonlinearity?: Nonlinearity } = {}) {
    super(inputSize, hiddenSize, 1, options);
    this.nonlinearity = checkNonlinearity('RNNCell', options.nonlinearity);
  }

  forward(input: Tensor, hx?: Tensor | null): Tensor {
    const [x, [h], batched] = this.prepare(input, [hx]);
    const h1 = rnnStep(this.projectInput(x), h!, this.weights(), this.nonlinearity);
    return batched ? h1 : h1.squeeze(0);
  }

  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity === 'tanh' ? '' : `, nonlinearity='${this.nonlinearity}'`);
  }
}

/** An LSTM cell (torch.nn.LSTMCell): returns [h', c']; gates i, f, g, o. */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    super(inputSize, hiddenSize, 4, options);
  }

  /** `hx` is [h, c] (both zeros when left out), as PyTorch's tuple. */
  forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, Tensor] {
    if (hx != null && (!Array.isArray(hx) || hx.length !== 2))
      throw new ArgumentError('LSTMCell: expected hx as [h, c], two tensors of shape [batch, hidden_size]');
    const [x, [h, c], batched] = this.prepare(input, hx ?? [null, null]);
    const out = lstmStep(this.projectInput(x), h!, c!, this.weights());
    return batched ? out : [out[0].squeeze(0), out[1].squeeze(0)];
  }
}

/** A GRU cell (torch.nn.GRUCell): gates r, z, n, with r applied to (W_hn h + b_hn). */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    super(inputSize, hiddenSize, 3, options);
  }

  forward(input: Tensor, hx?: Tensor | null): Tensor {
    const [x, [h], batched] = this.prepare(input, [hx]);
    const h1 = gruStep(this.projectInput(x), h!, this.weights());
    return batched ? h1 : h1.squeeze(0);
  }
}

export function checkNonlinearity(op: string, n: string | undefined): Nonlinearity {
  if (n === undefined || n === 'tanh' || n === 'relu') return n ?? 'tanh';
  throw new ValueError(`${op}: Unknown nonlinearity '${n}'. Select from 'tanh' or 'relu'.`);
}
