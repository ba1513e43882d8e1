import type * as TF from '@tensorflow/tfjs';
import { CHAIN_OPS, type Contender, type Preparation } from '../contender.js';
import { SHAPES, chainInput, heScale, labels, randomF32 } from '../data.js';
import { dawn } from './dawn.js';
import { tfjsTransformerStep } from './transformer-tfjs.js';

/**
 * TensorFlow.js 4.22 on one of its backends. The `@tensorflow/tfjs` bundle is loaded rather than
 * tfjs-core alone because only it registers the gradients in Node. Each run is wrapped in `tidy`
 * so intermediates are freed as a tfjs user would free them; `data()` forces completion.
 */
export function tfjsContender(backend: 'cpu' | 'wasm' | 'webgpu'): Contender {
  let tf!: typeof TF;
  let adapter = '';
  const read = async (f: () => TF.Tensor): Promise<void> => {
    const y = tf.tidy(f);
    await y.data();
    y.dispose();
  };
  const prep = (f: () => TF.Tensor): Promise<Preparation> => Promise.resolve({ run: () => read(f) });
  const vec = (n: number, seed: number, scale = 1): TF.Tensor => tf.tensor(randomF32(n, seed, scale), [n]);

  return {
    name: `tfjs ${backend}`,
    async setup() {
      if (backend === 'webgpu') {
        const gpu = await dawn();
        if (typeof gpu === 'string') return gpu;
        adapter = gpu.adapter;
      }
      tf = await import('@tensorflow/tfjs');
      if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
      if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
      try {
        if (!(await tf.setBackend(backend))) return `tfjs could not start its ${backend} backend`;
      } catch (e) {
        return `tfjs ${backend}: ${e instanceof Error ? e.message : String(e)}`;
      }
      await tf.ready();
      return undefined;
    },
    note: () =>
      backend === 'webgpu' ? `adapter: ${adapter}` : backend === 'wasm' ? 'SIMD, single thread in Node' : 'plain JS',
    matmul(n) {
      const a = tf.tensor(randomF32(n * n, 1), [n, n]);
      const b = tf.tensor(randomF32(n * n, 2), [n, n]);
      return prep(() => tf.matMul(a, b));
    },
    add() {
      const [a, b] = [vec(SHAPES.elementwise, 1), vec(SHAPES.elementwise, 2)];
      return prep(() => tf.add(a, b));
    },
    reluAffine() {
      const [x, w, b] = [vec(SHAPES.elementwise, 1), vec(SHAPES.elementwise, 2), vec(SHAPES.elementwise, 3)];
      return prep(() => tf.relu(tf.add(tf.mul(x, w), b)));
    },
    sum() {
      const x = vec(SHAPES.sum, 1);
      return prep(() => tf.sum(x));
    },
    softmax() {
      const [r, c] = SHAPES.softmax;
      const x = tf.tensor(randomF32(r * c, 1, 4), [r, c]);
      return prep(() => tf.softmax(x));
    },
    conv2d() {
      // tfjs is channels-last: the same work as NCHW with OIHW weights.
      const { n, c, h, w: wd, o, k } = SHAPES.conv;
      const x = tf.tensor4d(randomF32(n * h * wd * c, 1), [n, h, wd, c]);
      const w = tf.tensor4d(randomF32(k * k * c * o, 2, heScale(c * k * k)), [k, k, c, o]);
      const b = vec(o, 3);
      return prep(() => tf.add(tf.conv2d(x, w, 1, 'same'), b));
    },
    mlpStep() {
      const { batch, input, hidden, classes, lr } = SHAPES.mlp;
      const x = tf.tensor(randomF32(batch * input, 1), [batch, input]);
      const y = tf.oneHot(tf.tensor1d(labels(batch, classes), 'int32'), classes);
      const w1 = tf.variable(tf.tensor(randomF32(input * hidden, 2, heScale(input)), [input, hidden]));
      const b1 = tf.variable(tf.zeros([hidden]));
      const w2 = tf.variable(tf.tensor(randomF32(hidden * classes, 3, heScale(hidden)), [hidden, classes]));
      const b2 = tf.variable(tf.zeros([classes]));
      const opt = tf.train.sgd(lr);
      const loss = (): TF.Scalar => {
        const logits = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
        return tf.losses.softmaxCrossEntropy(y, logits);
      };
      return Promise.resolve({
        async run() {
          const cost = opt.minimize(loss, true)!;
          await cost.data();
          cost.dispose();
        },
      });
    },
    chain(shape) {
      const x = tf.tensor(chainInput(shape), [...shape]);
      const g = tf.grad((v: TF.Tensor) => {
        let y = v;
        for (let i = 0; i < CHAIN_OPS; i++) y = i % 2 === 0 ? tf.mul(y, 1.0001) : tf.add(y, 0.0001);
        return shape.length === 0 ? y : tf.sum(y);
      });
      return prep(() => g(x));
    },
    transformerStep: () => Promise.resolve(tfjsTransformerStep(tf)),
    memory: () => {
      const m = tf.memory();
      return { liveTensors: m.numTensors, liveBytes: m.numBytes };
    },
  };
}
