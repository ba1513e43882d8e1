import type * as TF from '@tensorflow/tfjs';
import type { Preparation } from '../contender.js';
import { randomF32 } from '../data.js';
import { TRANSFORMER, transformerBatch } from './transformer-data.js';

/**
 * The char-transformer example's model written with tfjs ops, the same layers and sizes as ag's
 * (transformer-ag.ts) with PyTorch's initialisation schemes (embeddings of variance 1, Xavier
 * for the attention's input projection, ±1/sqrt(fan-in) for the linear layers), trained by
 * Adam with AdamW's decoupled weight decay, which tfjs lacks, as a multiply before the update.
 */
export function tfjsTransformerStep(tf: typeof TF): Preparation {
  const { vocab: V, dModel: E, heads: H, layers, ff, batch: B, seq: T, lr, weightDecay, eps } = TRANSFORMER;
  const D = E / H;
  let seed = 100;
  const vars: TF.Variable[] = [];
  const param = (shape: number[], scale: number): TF.Variable => {
    const n = shape.reduce((a, b) => a * b, 1);
    const v = tf.variable(tf.tensor(randomF32(n, seed++, scale), shape));
    vars.push(v);
    return v;
  };
  const zeros = (n: number) => param([n], 0);
  const ones = (n: number) => {
    const v = tf.variable(tf.ones([n]));
    vars.push(v);
    return v;
  };
  const linear = (i: number, o: number) => ({ w: param([i, o], 1 / Math.sqrt(i)), b: param([o], 1 / Math.sqrt(i)) });
  const norm = () => ({ g: ones(E), b: zeros(E) });

  const tokens = param([V, E], Math.sqrt(3));
  const positions = param([T, E], Math.sqrt(3));
  const blocks = Array.from({ length: layers }, () => ({
    norm1: norm(),
    qkv: { w: param([E, 3 * E], Math.sqrt(6 / (4 * E))), b: zeros(3 * E) },
    out: { w: param([E, E], 1 / Math.sqrt(E)), b: zeros(E) },
    norm2: norm(),
    ff1: linear(E, ff),
    ff2: linear(ff, E),
  }));
  const final = norm();
  const head = linear(E, V);

  const data = transformerBatch();
  // The token embedding as a one-hot product: tfjs-wasm has no kernel for gather's gradient.
  const x = tf.oneHot(tf.tensor1d(data.x, 'int32'), V);
  const y = tf.oneHot(tf.tensor1d(data.y, 'int32'), V);
  // 0 where a query may see a key, a large negative number after its position.
  const mask = tf.tensor2d(
    Float32Array.from({ length: T * T }, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)),
    [T, T],
  );

  const dense = (h: TF.Tensor, l: { w: TF.Tensor; b: TF.Tensor }) => tf.add(tf.matMul(h, l.w), l.b);
  const layerNorm = (h: TF.Tensor, n: { g: TF.Tensor; b: TF.Tensor }) => {
    const { mean, variance } = tf.moments(h, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, eps))), n.g), n.b);
  };
  const heads = (h: TF.Tensor) => tf.transpose(tf.reshape(h, [B, T, H, D]), [0, 2, 1, 3]);
  const attention = (h: TF.Tensor, blk: (typeof blocks)[number]) => {
    const [q, k, v] = tf.split(dense(h, blk.qkv), 3, 1).map(heads) as [TF.Tensor, TF.Tensor, TF.Tensor];
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(D)), mask);
    const o = tf.matMul(tf.softmax(scores), v);
    return dense(tf.reshape(tf.transpose(o, [0, 2, 1, 3]), [B * T, E]), blk.out);
  };
  // Rows of [B * T, E] throughout: the layers are per position but for the attention.
  const loss = (): TF.Scalar => {
    let h = tf.add(tf.reshape(tf.matMul(x, tokens), [B, T, E]), positions).reshape([B * T, E]);
    for (const blk of blocks) {
      h = tf.add(h, attention(layerNorm(h, blk.norm1), blk));
      h = tf.add(h, dense(tf.relu(dense(layerNorm(h, blk.norm2), blk.ff1)), blk.ff2));
    }
    return tf.losses.softmaxCrossEntropy(y, dense(layerNorm(h, final), head));
  };
  const opt: TF.Optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  return {
    async run() {
      const { value, grads } = opt.computeGradients(loss, vars);
      tf.tidy(() => {
        for (const v of vars) v.assign(tf.mul(v, 1 - lr * weightDecay));
      });
      opt.applyGradients(grads);
      tf.dispose(grads);
      const out = (await value.data())[0];
      value.dispose();
      return out;
    },
  };
}
