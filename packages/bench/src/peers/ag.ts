import * as ag from '@ag/core';
import type { Backend, Tensor } from '@ag/core';
import { CHAIN_OPS, NOT_IMPLEMENTED, type Contender, type Preparation } from '../contender.js';
import { SHAPES, heScale, labels, randomF32 } from '../data.js';
import { dawn } from './dawn.js';

/**
 * ag on its CPU backend or, when the package and an adapter exist, its WebGPU backend. Ops still
 * being written (softmax, conv2d, crossEntropy, in-place sub_) are looked up at run time, so their
 * rows read "n/a (not implemented)" until they land instead of breaking the type check.
 */
type Fn = (...args: never[]) => unknown;
const lookup = (ns: object, name: string): Fn | undefined => {
  const f = (ns as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as Fn) : undefined;
};
const method = (name: string): Fn | undefined => lookup(ag.Tensor.prototype, name);

/** The WebGPU backend package, typed loosely: it may not exist in this checkout. */
interface GpuModule {
  webgpu(options: { gpu: GPU }): Promise<Backend & { memory?(): object }>;
}
const WEBGPU_PACKAGE = '@ag/backend-webgpu';

export function agContender(device: 'cpu' | 'webgpu'): Contender {
  let gpuBackend: (Backend & { memory?(): object }) | undefined;
  let adapter = '';
  const t = (data: Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer>, shape: number[], requiresGrad = false): Tensor =>
    ag.tensor(data, { device }).reshape(shape).detach().requiresGrad_(requiresGrad);
  const read = async (y: Tensor): Promise<void> => {
    await y.toTypedArray();
    y.dispose();
  };
  const unary = (f: () => Tensor): Preparation => ({ run: () => read(f()) });

  return {
    name: device === 'cpu' ? 'ag cpu' : 'ag webgpu',
    async setup() {
      if (device === 'cpu') {
        const { cpu } = await import('@ag/backend-cpu');
        ag.registerBackend(cpu());
        return undefined;
      }
      let mod: GpuModule;
      try {
        mod = (await import(WEBGPU_PACKAGE)) as GpuModule;
      } catch {
        return `${WEBGPU_PACKAGE} not found`;
      }
      const gpu = await dawn();
      if (typeof gpu === 'string') return gpu;
      adapter = gpu.adapter;
      gpuBackend = await mod.webgpu({ gpu: gpu.gpu });
      ag.registerBackend(gpuBackend);
      ag.setDefaultDevice('webgpu');
      return undefined;
    },
    note: () => `${device === 'webgpu' ? `adapter: ${adapter}; ` : ''}SGD ${method('sub_') === undefined ? 'by optim.SGD (no sub_ yet)' : 'by sub_'}`,
    matmul(n) {
      const a = t(randomF32(n * n, 1), [n, n]);
      const b = t(randomF32(n * n, 2), [n, n]);
      return Promise.resolve(unary(() => a.matmul(b)));
    },
    add() {
      const a = t(randomF32(SHAPES.elementwise, 1), [SHAPES.elementwise]);
      const b = t(randomF32(SHAPES.elementwise, 2), [SHAPES.elementwise]);
      return Promise.resolve(unary(() => a.add(b)));
    },
    reluAffine() {
      const [x, w, b] = [1, 2, 3].map((s) => t(randomF32(SHAPES.elementwise, s), [SHAPES.elementwise])) as [Tensor, Tensor, Tensor];
      return Promise.resolve(unary(() => x.mul(w).add(b).relu()));
    },
    sum() {
      const x = t(randomF32(SHAPES.sum, 1), [SHAPES.sum]);
      return Promise.resolve(unary(() => x.sum()));
    },
    softmax() {
      const [r, c] = SHAPES.softmax;
      const x = t(randomF32(r * c, 1, 4), [r, c]);
      const viaMethod = method('softmax');
      const viaFn = lookup(ag, 'softmax') ?? lookup(ag.functional, 'softmax');
      if (viaMethod !== undefined) return Promise.resolve(unary(() => (viaMethod as (this: Tensor, d: number) => Tensor).call(x, 1)));
      if (viaFn !== undefined) return Promise.resolve(unary(() => (viaFn as (x: Tensor, d: number) => Tensor)(x, 1)));
      return Promise.resolve(NOT_IMPLEMENTED);
    },
    conv2d() {
      const conv = lookup(ag.functional, 'conv2d') as ((x: Tensor, w: Tensor, b: Tensor, o: { padding: number }) => Tensor) | undefined;
      if (conv === undefined) return Promise.resolve(NOT_IMPLEMENTED);
      const { n, c, h, w: wd, o, k } = SHAPES.conv;
      const x = t(randomF32(n * c * h * wd, 1), [n, c, h, wd]);
      const w = t(randomF32(o * c * k * k, 2, heScale(c * k * k)), [o, c, k, k]);
      const b = t(randomF32(o, 3), [o]);
      return Promise.resolve(unary(() => conv(x, w, b, { padding: 1 })));
    },
    mlpStep: () => Promise.resolve(mlpStep(t)),
    chain() {
      const x = t(Float32Array.of(0.5), [], true);
      return Promise.resolve({
        async run() {
          let y = x;
          // Alternate mul and add so neither is a special case the engine could fold.
          for (let i = 0; i < CHAIN_OPS; i++) y = i % 2 === 0 ? y.mul(1.0001) : y.add(0.0001);
          y.backward();
          await x.grad!.item();
          x.grad = null;
        },
      });
    },
    memory: () => ({ ...(gpuBackend?.memory?.() as Record<string, number> | undefined) }),
  };
}

type Make = (data: Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer>, shape: number[], requiresGrad?: boolean) => Tensor;

/** Forward, cross-entropy, backward and an SGD update written as PyTorch users write it. */
function mlpStep(t: Make): Preparation {
  const crossEntropy = lookup(ag.functional, 'crossEntropy') as ((l: Tensor, y: Tensor) => Tensor) | undefined;
  if (crossEntropy === undefined) return NOT_IMPLEMENTED;
  const { batch, input, hidden, classes, lr } = SHAPES.mlp;
  const x = t(randomF32(batch * input, 1), [batch, input]);
  const y = t(labels(batch, classes), [batch]);
  const params = [
    t(randomF32(input * hidden, 2, heScale(input)), [input, hidden], true),
    t(new Float32Array(hidden), [hidden], true),
    t(randomF32(hidden * classes, 3, heScale(hidden)), [hidden, classes], true),
    t(new Float32Array(classes), [classes], true),
  ] as const;
  const [w1, b1, w2, b2] = params;
  // The planned in-place update; until `sub_` lands, the SGD optimizer (same update, written by core).
  const sub_ = method('sub_') as ((this: Tensor, v: Tensor) => Tensor) | undefined;
  const sgd = sub_ === undefined ? new ag.optim.SGD([...params], { lr }) : undefined;
  return {
    async run() {
      const logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
      const loss = crossEntropy(logits, y);
      loss.backward();
      if (sgd !== undefined) {
        sgd.step();
        sgd.zeroGrad();
      } else {
        ag.noGrad(() => {
          for (const p of params) {
            sub_!.call(p, p.grad!.mul(lr));
            p.grad = null;
          }
        });
      }
      await loss.item();
    },
  };
}
