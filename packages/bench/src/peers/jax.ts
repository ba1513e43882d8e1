import type * as Jax from '@jax-js/jax';
import { CHAIN_OPS, type Contender, type Preparation } from '../contender.js';
import { SHAPES, chainInput, heScale, labels, randomF32 } from '../data.js';
import { dawn } from './dawn.js';

/**
 * jax-js 0.1.25 on its wasm device (single-threaded in Node) or webgpu (Dawn). jax-js counts
 * references: every op consumes its arguments, so inputs kept across runs are passed as `x.ref`.
 * `jit` changes only the MLP step (the one place it fuses much); with `jitOnly` the contender
 * offers just that step, so eager and jit appear as two columns.
 */
type A = Jax.Array;
type Params = { w1: A; b1: A; w2: A; b2: A };

export function jaxContender(device: 'wasm' | 'webgpu', jit: boolean, jitOnly = false): Contender {
  let jax!: typeof Jax;
  let adapter = '';
  const arr = (n: number, seed: number, shape: number[], scale = 1): A =>
    jax.numpy.array(randomF32(n, seed, scale)).reshape(shape);
  const prep = (f: () => A): Promise<Preparation> =>
    Promise.resolve({
      async run() {
        await f().data(); // data() consumes the result, freeing it.
      },
    });

  const contender: Contender = {
    name: `jax-js ${device}${jitOnly ? ' jit' : ''}`,
    async setup() {
      if (device === 'webgpu') {
        const gpu = await dawn();
        if (typeof gpu === 'string') return gpu;
        adapter = gpu.adapter;
      }
      jax = await import('@jax-js/jax');
      const ok = await jax.init(device);
      if (!ok.includes(device)) return `jax-js could not start ${device}`;
      jax.defaultDevice(device);
      return undefined;
    },
    note: () =>
      `${device === 'webgpu' ? `adapter: ${adapter}` : 'single thread in Node'}; MLP step ${jit ? 'jit' : 'eager'}`,
    mlpStep: () => Promise.resolve(mlpStep(jax, arr, jit)),
  };
  if (jitOnly) return contender;
  const np = (): typeof Jax.numpy => jax.numpy;
  return {
    ...contender,
    matmul: (n) => {
      const [a, b] = [arr(n * n, 1, [n, n]), arr(n * n, 2, [n, n])];
      return prep(() => np().matmul(a.ref, b.ref));
    },
    add: () => {
      const n = SHAPES.elementwise;
      const [a, b] = [arr(n, 1, [n]), arr(n, 2, [n])];
      return prep(() => np().add(a.ref, b.ref));
    },
    reluAffine: () => {
      const n = SHAPES.elementwise;
      const [x, w, b] = [arr(n, 1, [n]), arr(n, 2, [n]), arr(n, 3, [n])];
      return prep(() => jax.nn.relu(x.ref.mul(w.ref).add(b.ref)));
    },
    sum: () => {
      const x = arr(SHAPES.sum, 1, [SHAPES.sum]);
      return prep(() => np().sum(x.ref));
    },
    softmax: () => {
      const [r, c] = SHAPES.softmax;
      const x = arr(r * c, 1, [r, c], 4);
      return prep(() => jax.nn.softmax(x.ref, -1));
    },
    conv2d: () => {
      const { n, c, h, w: wd, o, k } = SHAPES.conv;
      const x = arr(n * c * h * wd, 1, [n, c, h, wd]);
      const w = arr(o * c * k * k, 2, [o, c, k, k], heScale(c * k * k));
      const b = arr(o, 3, [1, o, 1, 1]);
      return prep(() => jax.lax.conv(x.ref, w.ref, [1, 1], 'SAME').add(b.ref));
    },
    chain: (shape) => {
      const x = np()
        .array(chainInput(shape))
        .reshape([...shape]);
      const g = jax.grad((v: A) => {
        let y = v;
        for (let i = 0; i < CHAIN_OPS; i++) y = i % 2 === 0 ? y.mul(1.0001) : y.add(0.0001);
        return shape.length === 0 ? y : np().sum(y);
      });
      return prep(() => g(x.ref));
    },
  };
}

function mlpStep(
  jax: typeof Jax,
  arr: (n: number, seed: number, shape: number[], scale?: number) => A,
  jit: boolean,
): Preparation {
  const { numpy: np, nn, tree } = jax;
  const { batch, input, hidden, classes, lr } = SHAPES.mlp;
  const x = arr(batch * input, 1, [batch, input]);
  const y = nn.oneHot(np.array(labels(batch, classes), { dtype: np.int32 }), classes);
  let params: Params = {
    w1: arr(input * hidden, 2, [input, hidden], heScale(input)),
    b1: np.zeros([hidden]),
    w2: arr(hidden * classes, 3, [hidden, classes], heScale(hidden)),
    b2: np.zeros([classes]),
  };
  const loss = (p: Params, xs: A, ys: A): A => {
    const logits = np.matmul(nn.relu(np.matmul(xs, p.w1).add(p.b1)), p.w2).add(p.b2);
    return np.mean(np.sum(nn.logSoftmax(logits, -1).mul(ys), -1)).mul(-1);
  };
  const step = (p: Params, xs: A, ys: A): [A, Params] => {
    const [value, grads] = jax.valueAndGrad(loss)(tree.ref(p), xs, ys);
    return [value, tree.map((w: A, g: A) => w.sub(g.mul(lr)), p, grads)];
  };
  const run = jit ? jax.jit(step) : step;
  return {
    async run() {
      const [value, next] = run(params, x.ref, y.ref);
      params = next;
      await value.data();
    },
  };
}
