import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { arange } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { Linear, NonDynamicallyQuantizableLinear, type LayerOptions } from './linear.js';
import { empty, placeOf } from './empty.js';
import { constant_, xavierUniform_ } from './init.js';
import { Dropout as DropoutLayer } from './layers.js';
import { LayerNorm as LayerNormLayer } from './normalization.js';
import { ShapeError, ValueError } from '../errors.js';

export interface MultiheadAttentionOptions extends LayerOptions {
  dropout?: number;
  bias?: boolean;
  /** Inputs as [batch, seq, embed] (true) or [seq, batch, embed] (PyTorch's default, false). */
  batchFirst?: boolean;
}

export interface AttentionCall {
  /** Added to the scores ([L, S] or [N*H, L, S], float), or true where attention is blocked (bool). */
  attnMask?: Tensor | null;
  /** Per batch [N, S] (or [S] unbatched): true (bool) where a key is padding and ignored, or added to the scores (float). */
  keyPaddingMask?: Tensor | null;
  /** Blocks every key after the query's position. */
  isCausal?: boolean;
  needWeights?: boolean;
  /** The weights returned averaged over the heads, [N, L, S] (true, PyTorch's default), or per head [N, H, L, S]. */
  averageAttnWeights?: boolean;
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
      throw new ValueError(`MultiheadAttention: embed_dim (${embedDim}) must be divisible by num_heads (${numHeads})`);
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

  /**
   * Query [L, N, E], key and value [S, N, E] ([N, L, E] and [N, S, E] with batchFirst; [L, E]
   * and [S, E] unbatched): returns [output shaped as the query, the attention weights or null].
   */
  forward(query: Tensor, key: Tensor, value: Tensor, call: AttentionCall = {}): [Tensor, Tensor | null] {
    const batchFirst = this.options.batchFirst ?? false;
    const E = this.embedDim;
    const H = this.numHeads;
    const unbatched = query.ndim === 2;
    const layout = unbatched ? '[L, E]' : batchFirst ? '[N, L, E]' : '[L, N, E]';
    if ((query.ndim !== 2 && query.ndim !== 3) || query.shape[query.ndim - 1] !== E)
      throw new ShapeError(
        `MultiheadAttention: expected query ${batchFirst ? '[N, L, E]' : '[L, N, E]'} (or [L, E] unbatched) with E = ${E}, got shape ${formatShape(query.shape)}`,
      );
    const toNLE = (x: Tensor) => (unbatched ? x.unsqueeze(0) : batchFirst ? x : x.transpose(0, 1));
    const [q0, k0, v0] = [toNLE(query), toNLE(key), toNLE(value)];
    const [N, L] = [q0.shape[0]!, q0.shape[1]!];
    const S = k0.shape[1]!;
    if (
      key.ndim !== query.ndim ||
      value.ndim !== query.ndim ||
      k0.shape[0] !== N ||
      k0.shape[2] !== E ||
      !shapesEqual(v0.shape, k0.shape)
    )
      throw new ShapeError(
        `MultiheadAttention: expected key and value of the same shape, laid out as the query ${layout} with its batch and E = ${E}, got key ${formatShape(key.shape)} and value ${formatShape(value.shape)} for query ${formatShape(query.shape)}`,
      );
    const project = (x: Tensor, i: number) => {
      const w = this.in_proj_weight.narrow(0, i * E, E);
      const b = this.in_proj_bias?.narrow(0, i * E, E) ?? null;
      return F.linear(x, w, b);
    };
    const heads = (x: Tensor) => x.reshape(x.shape[0]!, x.shape[1]!, H, this.headDim).transpose(1, 2);
    // The query scaled before the product, as PyTorch does: a quarter of the scores' elements.
    const q = heads(project(q0, 0).mul(1 / Math.sqrt(this.headDim)));
    const k = heads(project(k0, 1));
    const v = heads(project(v0, 2));
    let scores = q.matmul(k.transpose(-2, -1)); // [N, H, L, S]
    // Masks are added to the scores, a bool one as -inf where true, as PyTorch merges them: the
    // gradient then passes through unchanged, where a select would make another scores-sized pass.
    const apply = (mask: Tensor) =>
      scores.add(mask.dtype === 'bool' ? where(mask, -Infinity, 0).to(scores.dtype) : mask);
    if (call.isCausal === true) scores = apply(causalMask(L, S, q.device));
    const attn = call.attnMask;
    if (attn != null) {
      if (!shapesEqual(attn.shape, [L, S]) && !shapesEqual(attn.shape, [N * H, L, S]))
        throw new ShapeError(
          `MultiheadAttention: expected attnMask of shape [L, S] = [${L}, ${S}] or [N*H, L, S] = [${N * H}, ${L}, ${S}], got ${formatShape(attn.shape)}`,
        );
      scores = apply(attn.ndim === 3 ? attn.reshape(N, H, L, S) : attn);
    }
    const kpm = call.keyPaddingMask;
    if (kpm != null) {
      const want = unbatched ? [S] : [N, S];
      if (!shapesEqual(kpm.shape, want))
        throw new ShapeError(
          `MultiheadAttention: expected keyPaddingMask of shape ${unbatched ? '[S]' : '[N, S]'} = ${formatShape(want)}, got ${formatShape(kpm.shape)}`,
        );
      scores = apply(kpm.reshape(N, 1, 1, S));
    }
    let weights = F.softmax(scores, -1);
    weights = F.dropout(weights, this.options.dropout ?? 0, this.training);
    const out = weights.matmul(v).transpose(1, 2).reshape(N, L, E);
    const y = this.out_proj(out);
    const output = unbatched ? y.squeeze(0) : batchFirst ? y : y.transpose(0, 1);
    if (call.needWeights === false) return [output, null];
    const w = call.averageAttnWeights === false ? weights : weights.mean(1);
    return [output, unbatched ? w.squeeze(0) : w];
  }
}

/** A Transformer layer's attention block: the attention's output alone (no weights), through its dropout. */
export function attentionBlock(
  attn: MultiheadAttention,
  drop: (x: Tensor) => Tensor,
  q: Tensor,
  kv: Tensor,
  attnMask: Tensor | null | undefined,
  keyPaddingMask: Tensor | null | undefined,
  isCausal: boolean | undefined,
): Tensor {
  return drop(
    attn(q, kv, kv, {
      attnMask: attnMask ?? null,
      keyPaddingMask: keyPaddingMask ?? null,
      isCausal: isCausal ?? false,
      needWeights: false,
    })[0],
  );
}

/** A Transformer layer's feed-forward block: linear1, activation, dropout, linear2, then `drop`. */
export function feedForwardBlock(
  layer: { linear1: Linear; dropout: DropoutLayer; linear2: Linear; options: TransformerEncoderLayerOptions },
  drop: (x: Tensor) => Tensor,
  x: Tensor,
): Tensor {
  const act = layer.options.activation === 'gelu' ? F.gelu : F.relu;
  return drop(layer.linear2(layer.dropout(act(layer.linear1(x)))));
}

/**
 * What a Transformer encoder or decoder layer builds its submodules with, PyTorch's defaults
 * filled in: the place (device, dtype), the dropout, the feed-forward width, and the options of
 * its attentions and LayerNorms.
 */
export function layerSettings(options: TransformerEncoderLayerOptions) {
  const place = placeOf(options);
  const dropout = options.dropout ?? 0.1;
  return {
    place,
    dropout,
    dimFeedforward: options.dimFeedforward ?? 2048,
    attention: { ...place, dropout, batchFirst: options.batchFirst ?? false },
    norm: { ...place, eps: options.layerNormEps ?? 1e-5 },
  };
}

/** The masks of a Transformer encoder layer's call (the arguments after `src` in PyTorch). */
export interface EncoderLayerCall {
  /** The self-attention's attnMask. */
  srcMask?: Tensor | null;
  /** [N, S] (or [S]): true where a source position is padding. */
  srcKeyPaddingMask?: Tensor | null;
  isCausal?: boolean;
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
    const s = layerSettings(options);
    this.self_attn = new MultiheadAttention(dModel, nhead, s.attention);
    this.linear1 = new Linear(dModel, s.dimFeedforward, s.place);
    this.dropout = new DropoutLayer(s.dropout);
    this.linear2 = new Linear(s.dimFeedforward, dModel, s.place);
    this.norm1 = new LayerNormLayer(dModel, s.norm);
    this.norm2 = new LayerNormLayer(dModel, s.norm);
    this.dropout1 = new DropoutLayer(s.dropout);
    this.dropout2 = new DropoutLayer(s.dropout);
  }

  forward(src: Tensor, call: EncoderLayerCall = {}): Tensor {
    const attend = (x: Tensor) =>
      attentionBlock(this.self_attn, this.dropout1, x, x, call.srcMask, call.srcKeyPaddingMask, call.isCausal);
    const feed = (x: Tensor) => feedForwardBlock(this, this.dropout2, x);
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
