import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { full } from '../ops/creation.js';
import { triu } from '../ops/triangular.js';
import { Module } from './module.js';
import { ModuleList } from './containers.js';
import { Linear } from './linear.js';
import { Dropout } from './layers.js';
import { LayerNorm } from './normalization.js';
import { xavierUniform_ } from './init.js';
import {
  attentionBlock,
  feedForwardBlock,
  layerSettings,
  MultiheadAttention,
  TransformerEncoderLayer,
  type EncoderLayerCall,
  type TransformerEncoderLayerOptions,
} from './attention.js';
import { copyModule } from './module-copy.js';
import { placeOf } from './empty.js';
import { ArgumentError, ShapeError, ValueError } from '../errors.js';

/** The masks of a decoder's call (the arguments after `tgt` and `memory` in PyTorch). */
export interface DecoderLayerCall {
  /** The self-attention's attnMask, [T, T]. */
  tgtMask?: Tensor | null;
  /** The cross-attention's attnMask, [T, S]. */
  memoryMask?: Tensor | null;
  /** [N, T] (or [T]): true where a target position is padding. */
  tgtKeyPaddingMask?: Tensor | null;
  /** [N, S] (or [S]): true where a memory position is padding. */
  memoryKeyPaddingMask?: Tensor | null;
  tgtIsCausal?: boolean;
  memoryIsCausal?: boolean;
}

/**
 * One Transformer decoder layer (torch.nn.TransformerDecoderLayer): self-attention over the
 * target, attention to the encoder's memory, and a feed-forward block, each with a residual
 * connection and LayerNorm (post-norm, or pre-norm with `normFirst`); PyTorch's submodule names.
 */
export class TransformerDecoderLayer extends Module {
  readonly self_attn: MultiheadAttention;
  readonly multihead_attn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly norm3: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly dropout3: Dropout;

  constructor(
    readonly dModel: number,
    readonly nhead: number,
    readonly options: TransformerEncoderLayerOptions = {},
  ) {
    super();
    const s = layerSettings(options);
    this.self_attn = new MultiheadAttention(dModel, nhead, s.attention);
    this.multihead_attn = new MultiheadAttention(dModel, nhead, s.attention);
    this.linear1 = new Linear(dModel, s.dimFeedforward, s.place);
    this.dropout = new Dropout(s.dropout);
    this.linear2 = new Linear(s.dimFeedforward, dModel, s.place);
    this.norm1 = new LayerNorm(dModel, s.norm);
    this.norm2 = new LayerNorm(dModel, s.norm);
    this.norm3 = new LayerNorm(dModel, s.norm);
    this.dropout1 = new Dropout(s.dropout);
    this.dropout2 = new Dropout(s.dropout);
    this.dropout3 = new Dropout(s.dropout);
  }

  forward(tgt: Tensor, memory: Tensor, call: DecoderLayerCall = {}): Tensor {
    const selfAttend = (x: Tensor) =>
      attentionBlock(this.self_attn, this.dropout1, x, x, call.tgtMask, call.tgtKeyPaddingMask, call.tgtIsCausal);
    const crossAttend = (x: Tensor) =>
      attentionBlock(
        this.multihead_attn,
        this.dropout2,
        x,
        memory,
        call.memoryMask,
        call.memoryKeyPaddingMask,
        call.memoryIsCausal,
      );
    const feed = (x: Tensor) => feedForwardBlock(this, this.dropout3, x);
    if (this.options.normFirst === true) {
      let x = tgt.add(selfAttend(this.norm1(tgt)));
      x = x.add(crossAttend(this.norm2(x)));
      return x.add(feed(this.norm3(x)));
    }
    let x = this.norm1(tgt.add(selfAttend(tgt)));
    x = this.norm2(x.add(crossAttend(x)));
    return this.norm3(x.add(feed(x)));
  }
}

/** `numLayers` copies of `layer`, each with its own weights equal to the layer's (PyTorch's _get_clones). */
function clones<M extends Module>(layer: M, numLayers: number, name: string): ModuleList<M> {
  if (!(layer instanceof Module)) throw new ArgumentError(`${name}: expected a layer module, got ${typeof layer}`);
  if (!Number.isInteger(numLayers) || numLayers < 0)
    throw new ValueError(`${name}: numLayers must be a non-negative integer, got ${numLayers}`);
  return new ModuleList(Array.from({ length: numLayers }, () => copyModule(layer)));
}

/**
 * A stack of encoder layers (torch.nn.TransformerEncoder): `numLayers` copies of `encoderLayer`
 * (starting from its weights, each its own), then `norm` if given.
 */
export class TransformerEncoder extends Module {
  readonly layers: ModuleList<TransformerEncoderLayer>;
  readonly norm: Module | null;

  constructor(
    encoderLayer: TransformerEncoderLayer,
    readonly numLayers: number,
    options: { norm?: Module | null; enableNestedTensor?: boolean } = {},
  ) {
    super();
    this.layers = clones(encoderLayer, numLayers, 'TransformerEncoder');
    this.norm = options.norm ?? null;
  }

  /** `mask` is each layer's srcMask. */
  forward(
    src: Tensor,
    call: { mask?: Tensor | null; srcKeyPaddingMask?: Tensor | null; isCausal?: boolean } = {},
  ): Tensor {
    const layerCall: EncoderLayerCall = {
      srcMask: call.mask ?? null,
      srcKeyPaddingMask: call.srcKeyPaddingMask ?? null,
      isCausal: call.isCausal ?? false,
    };
    let x = src;
    for (const layer of this.layers) x = layer(x, layerCall);
    return this.norm === null ? x : (this.norm(x) as Tensor);
  }
}

/** A stack of decoder layers (torch.nn.TransformerDecoder): `numLayers` copies of `decoderLayer`, then `norm` if given. */
export class TransformerDecoder extends Module {
  readonly layers: ModuleList<TransformerDecoderLayer>;
  readonly norm: Module | null;

  constructor(
    decoderLayer: TransformerDecoderLayer,
    readonly numLayers: number,
    options: { norm?: Module | null } = {},
  ) {
    super();
    this.layers = clones(decoderLayer, numLayers, 'TransformerDecoder');
    this.norm = options.norm ?? null;
  }

  forward(tgt: Tensor, memory: Tensor, call: DecoderLayerCall = {}): Tensor {
    let x = tgt;
    for (const layer of this.layers) x = layer(x, memory, call);
    return this.norm === null ? x : (this.norm(x) as Tensor);
  }
}

export interface TransformerOptions extends TransformerEncoderLayerOptions {
  dModel?: number;
  nhead?: number;
  numEncoderLayers?: number;
  numDecoderLayers?: number;
  customEncoder?: Module | null;
  customDecoder?: Module | null;
}

/** The masks of a Transformer's call: the encoder's (src), the decoder's (tgt) and the cross-attention's (memory). */
export interface TransformerCall extends DecoderLayerCall {
  srcMask?: Tensor | null;
  srcKeyPaddingMask?: Tensor | null;
  srcIsCausal?: boolean;
}

/**
 * The encoder-decoder Transformer (torch.nn.Transformer, "Attention Is All You Need"): an
 * encoder and a decoder stack, each ending in a LayerNorm; every weight of 2 or more dims
 * re-drawn Xavier-uniform, as PyTorch's _reset_parameters does.
 */
export class Transformer extends Module {
  readonly encoder: Module;
  readonly decoder: Module;
  readonly dModel: number;
  readonly nhead: number;
  readonly batchFirst: boolean;

  constructor(options: TransformerOptions = {}) {
    super();
    this.dModel = options.dModel ?? 512;
    this.nhead = options.nhead ?? 8;
    this.batchFirst = options.batchFirst ?? false;
    const { numEncoderLayers, numDecoderLayers, customEncoder, customDecoder } = options;
    const { dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, device, dtype } = options;
    const layer = { dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, device, dtype };
    const eps = options.layerNormEps ?? 1e-5;
    const place = placeOf(options);
    this.encoder =
      customEncoder ??
      new TransformerEncoder(new TransformerEncoderLayer(this.dModel, this.nhead, layer), numEncoderLayers ?? 6, {
        norm: new LayerNorm(this.dModel, { ...place, eps }),
      });
    this.decoder =
      customDecoder ??
      new TransformerDecoder(new TransformerDecoderLayer(this.dModel, this.nhead, layer), numDecoderLayers ?? 6, {
        norm: new LayerNorm(this.dModel, { ...place, eps }),
      });
    for (const p of this.parameters()) if (p.ndim > 1) xavierUniform_(p);
  }

  forward(src: Tensor, tgt: Tensor, call: TransformerCall = {}): Tensor {
    const unbatched = src.ndim === 2;
    const b = this.batchFirst ? 0 : 1;
    if (!unbatched && src.shape[b] !== tgt.shape[b])
      throw new ShapeError(
        `Transformer: the batch number of src and tgt must be equal, got src ${formatShape(src.shape)} and tgt ${formatShape(tgt.shape)}`,
      );
    if (src.shape[src.ndim - 1] !== this.dModel || tgt.shape[tgt.ndim - 1] !== this.dModel)
      throw new ShapeError(
        `Transformer: the feature number of src and tgt must be equal to d_model (${this.dModel}), got src ${formatShape(src.shape)} and tgt ${formatShape(tgt.shape)}`,
      );
    const memory = this.encoder(src, {
      mask: call.srcMask ?? null,
      srcKeyPaddingMask: call.srcKeyPaddingMask ?? null,
      isCausal: call.srcIsCausal ?? false,
    }) as Tensor;
    const { tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, tgtIsCausal, memoryIsCausal } = call;
    const decoderCall = { tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, tgtIsCausal, memoryIsCausal };
    return this.decoder(tgt, memory, decoderCall) as Tensor;
  }

  /** A float mask [sz, sz]: -inf above the diagonal (a position sees itself and the ones before), 0 elsewhere. */
  static generateSquareSubsequentMask(
    sz: number,
    options: { device?: string; dtype?: 'float32' | 'float64' } = {},
  ): Tensor {
    return triu(full([sz, sz], -Infinity, placeOf(options)), 1);
  }
}
