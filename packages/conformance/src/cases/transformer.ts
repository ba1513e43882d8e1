import type { NestedArray, Tensor } from '@ag/core';
import { manualSeed, nn, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { attentionRef, values, type T2, type T3 } from './nn-reference.js';
import {
  decoderLayerRef,
  encoderLayerRef,
  layerNormRef,
  layerParams,
  mhaRef,
  type Params,
} from './transformer-reference.js';

/**
 * Multi-head attention and the Transformer layers and stacks against the reference of
 * transformer-reference.ts (dropout 0, so training and eval agree), with the masks PyTorch
 * takes: attention masks (bool and float), key padding masks, causal; gradients by finite
 * differences through the input.
 */

const g = (v: unknown) => ({ values: v as NestedArray, requiresGrad: true });
type Float = 'float32' | 'float64';
const fl = (t: Tensor) => t.dtype as Float;

/** A state dict of `params` (prefixed), in `dtype`, to load into a module. */
function state(params: Params, prefix: string, dtype: Float): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [prefix + k, tensor(v, { dtype })]));
}

/** The parameters under `prefix`, without it (a layer's attention as a module of its own). */
const under = (params: Params, prefix: string): Params =>
  Object.fromEntries(
    Object.entries(params).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])),
  );

/** Per batch element of a time-major [L][N][E] (or batch-first [N][L][E]): [L][E] slices. */
const batchOf = (x: T3, b: number, batchFirst: boolean): T2 => (batchFirst ? x[b]! : x.map((r) => r[b]!));
/** Back from per-batch results to the layout. */
const layout = (per: T2[], batchFirst: boolean): T3 =>
  batchFirst ? per : per[0]!.map((_, t) => per.map((p) => p[t]!));

const X = values([3, 2, 4], 300) as T3; // [S, N, E] time-major
const T = values([2, 2, 4], 301) as T3; // [T, N, E] target
const PAD = [
  [false, false, true],
  [false, false, false],
];
const padMask = (b: number) => (_i: number, j: number) => (PAD[b]![j]! ? -Infinity : 0);
const causal = (i: number, j: number) => (j > i ? -Infinity : 0);
const ENC = layerParams(4, 3, 310);
const DEC = layerParams(4, 3, 330, true);
const NORM = { weight: [1.1, 0.9, 1.2, 0.8], bias: [0.1, -0.1, 0.05, 0] };
const EYE = [
  [1, 0],
  [0, 1],
];

// [N*H, L, S] = [4, 3, 2], each slice far from the others so that a wrong slice shows.
const HEAD_MASK = (values([4, 3, 2], 293) as T3).map((m, k) => m.map((r) => r.map((v) => 3 * v * (k + 1))));

const opts = (x: Tensor) => ({ dimFeedforward: 3, dropout: 0, dtype: fl(x) });

export const transformerCases = [
  {
    id: 'multiheadAttention/identity-projections-key-padding',
    // in_proj = [I; I; I], out_proj = I, no biases: softmax(x x^T / sqrt(2) + mask) x per batch
    inputs: [g(values([3, 2, 2], 290))],
    run: (x) => {
      const m = new nn.MultiheadAttention(2, 1, { bias: false, dtype: fl(x) });
      m.loadStateDict({ in_proj_weight: tensor([...EYE, ...EYE, ...EYE]), 'out_proj.weight': tensor(EYE) });
      return m(x, x, x, { keyPaddingMask: tensor(PAD) })[0];
    },
    expected: layout(
      [0, 1].map((b) => {
        const xb = batchOf(values([3, 2, 2], 290) as T3, b, false);
        return attentionRef(xb, xb, xb, 1 / Math.SQRT2, padMask(b));
      }),
      false,
    ),
  },
  {
    id: 'multiheadAttention/two-heads-batch-first-float-mask',
    inputs: [g(values([2, 3, 4], 291)), g(values([2, 2, 4], 292))],
    run: (q, kv) => {
      const m = new nn.MultiheadAttention(4, 2, { batchFirst: true, dtype: fl(q) });
      m.loadStateDict(state(under(ENC, 'self_attn.'), '', fl(q)));
      const mask = tensor([
        [0, -1],
        [0.5, 0],
        [-Infinity, 0],
      ]);
      return m(q, kv, kv, { attnMask: mask })[0];
    },
    expected: [0, 1].map((b) => {
      const mask = [
        [0, -1],
        [0.5, 0],
        [-Infinity, 0],
      ];
      const kv = (values([2, 2, 4], 292) as T3)[b]!;
      return mhaRef((values([2, 3, 4], 291) as T3)[b]!, kv, kv, { ...ENC }, 'self_attn.', 2, (i, j) => mask[i]![j]!);
    }),
  },
  {
    id: 'multiheadAttention/per-batch-and-head-float-mask',
    // An [N*H, L, S] mask: slice n*H + h is added to the scores of batch n, head h.
    inputs: [g(values([2, 3, 4], 291)), g(values([2, 2, 4], 292))],
    run: (q, kv) => {
      const m = new nn.MultiheadAttention(4, 2, { batchFirst: true, dtype: fl(q) });
      m.loadStateDict(state(under(ENC, 'self_attn.'), '', fl(q)));
      return m(q, kv, kv, { attnMask: tensor(HEAD_MASK, { dtype: fl(q) }) })[0];
    },
    expected: [0, 1].map((b) => {
      const kv = (values([2, 2, 4], 292) as T3)[b]!;
      const q = (values([2, 3, 4], 291) as T3)[b]!;
      return mhaRef(q, kv, kv, { ...ENC }, 'self_attn.', 2, (i, j, h) => HEAD_MASK[b * 2 + h]![i]![j]!);
    }),
  },
  {
    id: 'transformerEncoderLayer/post-norm-key-padding',
    inputs: [g(X)],
    run: (x) => {
      const m = new nn.TransformerEncoderLayer(4, 2, opts(x));
      m.loadStateDict(state(ENC, '', fl(x)));
      return m(x, { srcKeyPaddingMask: tensor(PAD) });
    },
    expected: layout(
      [0, 1].map((b) => encoderLayerRef(batchOf(X, b, false), ENC, { heads: 2 }, padMask(b))),
      false,
    ),
  },
  {
    id: 'transformerEncoderLayer/pre-norm-gelu-causal-batch-first',
    inputs: [g(X)],
    run: (x) => {
      const m = new nn.TransformerEncoderLayer(4, 2, {
        ...opts(x),
        normFirst: true,
        activation: 'gelu',
        batchFirst: true,
      });
      m.loadStateDict(state(ENC, '', fl(x)));
      return m(x, { isCausal: true });
    },
    expected: X.map((xb) => encoderLayerRef(xb, ENC, { heads: 2, normFirst: true, activation: 'gelu' }, causal)),
  },
  {
    id: 'transformerDecoderLayer/post-norm-masks',
    inputs: [g(T), g(X)],
    run: (t, mem) => {
      const m = new nn.TransformerDecoderLayer(4, 2, opts(t));
      m.loadStateDict(state(DEC, '', fl(t)));
      const tgtMask = nn.Transformer.generateSquareSubsequentMask(2, { dtype: fl(t) });
      return m(t, mem, { tgtMask, memoryKeyPaddingMask: tensor(PAD) });
    },
    expected: layout(
      [0, 1].map((b) =>
        decoderLayerRef(batchOf(T, b, false), batchOf(X, b, false), DEC, { heads: 2 }, causal, padMask(b)),
      ),
      false,
    ),
  },
  {
    id: 'transformerDecoderLayer/pre-norm-batch-first-memory-mask',
    inputs: [g(T), g(X)],
    run: (t, mem) => {
      const m = new nn.TransformerDecoderLayer(4, 2, { ...opts(t), normFirst: true, batchFirst: true });
      m.loadStateDict(state(DEC, '', fl(t)));
      // bool: true blocks (the first target position may not see memory position 0)
      const memoryMask = tensor([
        [true, false],
        [false, false],
      ]);
      return m(t.transpose(0, 1), mem.transpose(0, 1).narrow(1, 0, 2), { memoryMask });
    },
    expected: [0, 1].map((b) =>
      decoderLayerRef(
        batchOf(T, b, false),
        batchOf(X, b, false).slice(0, 2),
        DEC,
        { heads: 2, normFirst: true },
        undefined,
        (i, j) => (i === 0 && j === 0 ? -Infinity : 0),
      ),
    ),
  },
  {
    id: 'transformerEncoder/two-copies-and-final-norm',
    inputs: [g(X)],
    run: (x) => {
      const layer = new nn.TransformerEncoderLayer(4, 2, opts(x));
      layer.loadStateDict(state(ENC, '', fl(x)));
      const norm = new nn.LayerNorm(4, { dtype: fl(x) });
      norm.loadStateDict(state(NORM, '', fl(x)));
      return new nn.TransformerEncoder(layer, 2, { norm })(x, { srcKeyPaddingMask: tensor(PAD) });
    },
    expected: layout(
      [0, 1].map((b) => {
        const once = (y: T2) => encoderLayerRef(y, ENC, { heads: 2 }, padMask(b));
        return layerNormRef(once(once(batchOf(X, b, false))), NORM.weight, NORM.bias);
      }),
      false,
    ),
  },
  {
    id: 'transformer/one-layer-each',
    inputs: [g(X), g(T)],
    run: (src, tgt) => {
      const m = new nn.Transformer({ dModel: 4, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, ...opts(src) });
      m.loadStateDict({
        ...state(ENC, 'encoder.layers.0.', fl(src)),
        ...state(NORM, 'encoder.norm.', fl(src)),
        ...state(DEC, 'decoder.layers.0.', fl(src)),
        ...state(NORM, 'decoder.norm.', fl(src)),
      });
      return m(src, tgt, { srcKeyPaddingMask: tensor(PAD), memoryKeyPaddingMask: tensor(PAD), tgtIsCausal: true });
    },
    expected: layout(
      [0, 1].map((b) => {
        const ln = (y: T2) => layerNormRef(y, NORM.weight, NORM.bias);
        const memory = ln(encoderLayerRef(batchOf(X, b, false), ENC, { heads: 2 }, padMask(b)));
        return ln(decoderLayerRef(batchOf(T, b, false), memory, DEC, { heads: 2 }, causal, padMask(b)));
      }),
      false,
    ),
  },
] as const satisfies readonly OpCase[];

export const transformerScripts = [
  {
    id: 'transformer/names-clones-init-and-square-mask',
    run: async (check) => {
      manualSeed(0);
      const m = new nn.Transformer({
        dModel: 4,
        nhead: 2,
        numEncoderLayers: 2,
        numDecoderLayers: 1,
        dimFeedforward: 8,
      });
      const names = m.namedParameters().map(([n]) => n);
      check.equal(names.length, 2 * 12 + 2 + 18 + 2, 'parameter count');
      check.equal(
        [
          'encoder.layers.1.self_attn.in_proj_weight',
          'encoder.norm.bias',
          'decoder.layers.0.multihead_attn.out_proj.weight',
          'decoder.layers.0.norm3.weight',
        ].every((n) => names.includes(n)),
        true,
        'PyTorch names',
      );
      // Xavier-uniform on every weight of 2+ dims: in_proj_weight [12, 4] within sqrt(6 / 16)
      const w = Array.from(await m.getParameter('encoder.layers.0.self_attn.in_proj_weight').toTypedArray());
      check.equal(
        w.every((v) => Math.abs(v) <= Math.sqrt(6 / 16)),
        true,
        'xavier bound',
      );
      // The stack copies its layer: equal weights, separate storage.
      const layer = new nn.TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
      const enc = new nn.TransformerEncoder(layer, 2);
      const w0 = await layer.linear1.weight.toArray();
      await check.close(enc.layers.at(1).linear1.weight, w0, 'copied weights');
      enc.layers.at(0).linear1.weight.detach().fill_(0);
      await check.close(enc.layers.at(1).linear1.weight, w0, 'each its own');
      await check.close(layer.linear1.weight, w0, 'the original untouched');
      await check.close(nn.Transformer.generateSquareSubsequentMask(3), [
        [0, -Infinity, -Infinity],
        [0, 0, -Infinity],
        [0, 0, 0],
      ]);
    },
  },
  {
    id: 'multiheadAttention/weights-per-head-and-unbatched',
    run: async (check) => {
      const m = new nn.MultiheadAttention(4, 2);
      const x = tensor(values([3, 2, 4], 295) as T3);
      const [, avg] = m(x, x, x, { keyPaddingMask: tensor(PAD) });
      const [, heads] = m(x, x, x, { keyPaddingMask: tensor(PAD), averageAttnWeights: false });
      check.equal(
        [avg!.shape, heads!.shape],
        [
          [2, 3, 3],
          [2, 2, 3, 3],
        ],
      );
      await check.close(heads!.mean(1), await avg!.toArray(), 'the average of the heads');
      await check.close(
        avg!.sum(-1),
        [
          [1, 1, 1],
          [1, 1, 1],
        ],
        'rows sum to 1',
      );
      await check.close(avg!.select(0, 0).select(1, 2), [0, 0, 0], 'a padded key gets no weight');
      const [yu, wu] = m(x.select(1, 0), x.select(1, 0), x.select(1, 0));
      check.equal(
        [yu.shape, wu!.shape],
        [
          [3, 4],
          [3, 3],
        ],
        'unbatched',
      );
      await check.close(yu, await m(x, x, x)[0].select(1, 0).toArray(), 'unbatched = batch element');
    },
  },
] as const satisfies readonly ScriptCase[];

export const transformerErrors = [
  {
    id: 'error/multiheadAttention-key-padding-shape',
    inputs: () => [ones([3, 2, 4])],
    run: (x) => new nn.MultiheadAttention(4, 2)(x, x, x, { keyPaddingMask: zeros([3, 2], { dtype: 'bool' }) }),
    throws: /MultiheadAttention: expected keyPaddingMask of shape \[N, S\] = \[2, 3\], got \[3, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/multiheadAttention-attn-mask-shape',
    inputs: () => [ones([3, 2, 4])],
    run: (x) => new nn.MultiheadAttention(4, 2)(x, x, x, { attnMask: zeros([2, 3]) }),
    throws:
      /MultiheadAttention: expected attnMask of shape \[L, S\] = \[3, 3\] or \[N\*H, L, S\] = \[4, 3, 3\], got \[2, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/transformer-batch-mismatch',
    inputs: () => [ones([3, 2, 4]), ones([2, 3, 4])],
    run: (s, t) =>
      new nn.Transformer({ dModel: 4, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 4 })(s, t),
    throws: /Transformer: the batch number of src and tgt must be equal, got src \[3, 2, 4\] and tgt \[2, 3, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/transformer-d-model',
    inputs: () => [ones([3, 2, 4]), ones([2, 2, 6])],
    run: (s, t) =>
      new nn.Transformer({ dModel: 4, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 4 })(s, t),
    throws:
      /Transformer: the feature number of src and tgt must be equal to d_model \(4\), got src \[3, 2, 4\] and tgt \[2, 2, 6\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
