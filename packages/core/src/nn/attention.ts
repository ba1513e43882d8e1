import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { arange } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { Linear, NonDynamicallyQuantizableLinear, type LayerOptions } from './linear.js';
import { empty } from './empty.js';
import { constant_, xavierUniform_ } from './init.js';
import { Dropout as DropoutLayer } from './layers.js';
import { LayerNorm as LayerNormLayer } from './normalization.js';

export interface MultiheadAttentionOptions extends LayerOptions {
  dropout?: number;
  bias?: boolean;
  /** Inputs as [batch, seq, embed] (true) or [seq, batch, embed] (PyTorch's default, false). */
  batchFirst?: boolean;
}

export interface AttentionCall {
  /** Added to the scores ([L, S] or [N*H, L, S], float), or true where attention is blocked (bool). */
  attnMask?: Tensor | null;
  /** Blocks every key after the query's position. */
  isCausal?: boolean;
  needWeights?: boolean;
}

/** A mask that blocks each query from the keys after it: true above the diagonal. */
export function causalMask(l: number, s: number, device: string): Tensor {
  return arange(l, undefined, 1, { device })
    .unsqueeze(1)
    .lt(arange(s, undefined, 1, { device }).unsqueeze(0));
}

/**
 * Multi-head attention (torch.nn.MultiheadAttention) with PyTorch's parameter names, so state
 * dicts load across: in_proj_weight [3E, E] (Xavier-uniform), in_proj_bias (zeros), out_proj.
 * `forward` returns [output, attention weights averaged over heads (or null)].
 */
export class MultiheadAttention extends Module {
  readonly in_proj_weight: Parameter;
  readonly in_proj_bias: Parameter | null;
  readonly out_proj: Linear;
  readonly headDim: number;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    readonly options: MultiheadAttentionOptions = {},
  ) {
    super();
    if (embedDim % numHeads !== 0)
      throw new Error(`MultiheadAttention: embed_dim (${embedDim}) must be divisible by num_heads (${numHeads})`);
    this.headDim = embedDim / numHeads;
    this.in_proj_weight = new Parameter(empty([3 * embedDim, embedDim], options));
    const bias = options.bias ?? true;
    this.in_proj_bias = bias ? new Parameter(constant_(empty([3 * embedDim], options), 0)) : null;
    // As PyTorch: out_proj is built (drawing its Linear initialisation) before
    // _reset_parameters draws in_proj_weight, so a seed gives PyTorch's weights.
    this.out_proj = new NonDynamicallyQuantizableLinear(embedDim, embedDim, { ...options, bias });
    xavierUniform_(this.in_proj_weight);
    if (this.out_proj.bias !== null) constant_(this.out_proj.bias, 0);
  }

  forward(query: Tensor, key: Tensor, value: Tensor, call: AttentionCall = {}): [Tensor, Tensor | null] {
    const batchFirst = this.options.batchFirst ?? false;
    if (query.ndim !== 3 || query.shape[2] !== this.embedDim) {
      const layout = batchFirst ? '[N, L, E]' : '[L, N, E]';
      throw new Error(
        `MultiheadAttention: expected query ${layout} with E = ${this.embedDim}, got shape ${formatShape(query.shape)}`,
      );
    }
    const [q0, k0, v0] = batchFirst
      ? [query, key, value]
      : [query.transpose(0, 1), key.transpose(0, 1), value.transpose(0, 1)];
    const E = this.embedDim;
    const project = (x: Tensor, i: number) => {
      const w = this.in_proj_weight.narrow(0, i * E, E);
      const b = this.in_proj_bias?.narrow(0, i * E, E) ?? null;
      return F.linear(x, w, b);
    };
    const heads = (x: Tensor) => x.reshape(x.shape[0]!, x.shape[1]!, this.numHeads, this.headDim).transpose(1, 2);
    const q = heads(project(q0, 0));
    const k = heads(project(k0, 1));
    const v = heads(project(v0, 2));
    let scores = q.matmul(k.transpose(-2, -1)).div(Math.sqrt(this.headDim));
    const [L, S] = [q.shape[2]!, k.shape[2]!];
    if (call.isCausal === true) scores = where(causalMask(L, S, q.device), -Infinity, scores);
    if (call.attnMask != null) {
      const mask = call.attnMask;
      scores = mask.dtype === 'bool' ? where(mask, -Infinity, scores) : scores.add(mask);
    }
    let weights = F.softmax(scores, -1);
    weights = F.dropout(weights, this.options.dropout ?? 0, this.training);
    const out = weights.matmul(v).transpose(1, 2).reshape(q0.shape[0]!, L, E);
    const y = this.out_proj(out);
    const output = batchFirst ? y : y.transpose(0, 1);
    return [output, call.needWeights === false ? null : weights.mean(1)];
  }
}

export interface TransformerEncoderLayerOptions extends LayerOptions {
  dimFeedforward?: number;
  dropout?: number;
  activation?: 'relu' | 'gelu';
  layerNormEps?: number;
  batchFirst?: boolean;
  /** Pre-norm (LayerNorm before attention and feed-forward) instead of PyTorch's default post-norm. */
  normFirst?: boolean;
}

/**
 * One Transformer encoder layer (torch.nn.TransformerEncoderLayer): self-attention and a
 * feed-forward block, each with a residual connection and LayerNorm, post-norm by default or
 * pre-norm with `normFirst`; PyTorch's submodule names.
 */
export class TransformerEncoderLayer extends Module {
  readonly self_attn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: DropoutLayer;
  readonly linear2: Linear;
  readonly norm1: LayerNormLayer;
  readonly norm2: LayerNormLayer;
  readonly dropout1: DropoutLayer;
  readonly dropout2: DropoutLayer;

  constructor(
    readonly dModel: number,
    readonly nhead: number,
    readonly options: TransformerEncoderLayerOptions = {},
  ) {
    super();
    const p = options.dropout ?? 0.1;
    const place = {
      ...(options.device === undefined ? {} : { device: options.device }),
      ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
    };
    this.self_attn = new MultiheadAttention(dModel, nhead, {
      ...place,
      dropout: p,
      batchFirst: options.batchFirst ?? false,
    });
    this.linear1 = new Linear(dModel, options.dimFeedforward ?? 2048, place);
    this.dropout = new DropoutLayer(p);
    this.linear2 = new Linear(options.dimFeedforward ?? 2048, dModel, place);
    this.norm1 = new LayerNormLayer(dModel, { ...place, eps: options.layerNormEps ?? 1e-5 });
    this.norm2 = new LayerNormLayer(dModel, { ...place, eps: options.layerNormEps ?? 1e-5 });
    this.dropout1 = new DropoutLayer(p);
    this.dropout2 = new DropoutLayer(p);
  }

  forward(src: Tensor, call: { srcMask?: Tensor | null; isCausal?: boolean } = {}): Tensor {
    const attend = (x: Tensor) =>
      this.dropout1(
        this.self_attn(x, x, x, {
          attnMask: call.srcMask ?? null,
          isCausal: call.isCausal ?? false,
          needWeights: false,
        })[0],
      );
    const act = this.options.activation === 'gelu' ? (x: Tensor) => F.gelu(x) : (x: Tensor) => F.relu(x);
    const feed = (x: Tensor) => this.dropout2(this.linear2(this.dropout(act(this.linear1(x)))));
    const n1 = (x: Tensor) => this.norm1(x);
    const n2 = (x: Tensor) => this.norm2(x);
    if (this.options.normFirst === true) {
      const x = src.add(attend(n1(src)));
      return x.add(feed(n2(x)));
    }
    const x = n1(src.add(attend(src)));
    return n2(x.add(feed(x)));
  }
}
