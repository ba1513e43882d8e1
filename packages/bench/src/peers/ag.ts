import * as ag from '@ag/core';
import type { Backend, Tensor } from '@ag/core';
import { CHAIN_OPS, type Contender, type Preparation } from '../contender.js';
import { SHAPES, chainInput, heScale, labels, randomF32 } from '../data.js';
import { dawn } from './dawn.js';
import { agTransformerStep } from './transformer-ag.js';

/**
 * ag on its CPU backend or its WebGPU backend (Dawn, the same adapter as the tfjs and jax-js
 * WebGPU contenders). Every run is inside `tidy`, as the tfjs contender's are, so intermediates
 * are released at once rather than by the garbage collector.
 */

/** Reads a result back (forcing the work to complete), then frees it. */
async function read(y: Tensor): Promise<void> {
  await y.toTypedArray();
  y.dispose();
}

export function agContender(device: 'cpu' | 'webgpu'): Contender {
  let gpuBackend: (Backend & { memory?(): object }) | undefined;
  let adapter = '';
  const t = (
    data: Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer>,
    shape: number[],
    requiresGrad = false,
  ): Tensor => ag.tensor(data, { device }).reshape(shape).detach().requiresGrad_(requiresGrad);
  const unary = (f: () => Tensor): Preparation => ({ run: () => read(ag.tidy(f)) });

  return {
    name: device === 'cpu' ? 'ag cpu' : 'ag webgpu',
    async setup() {
      if (device === 'cpu') {
        const { cpu } = await import('@ag/backend-cpu');
        ag.registerBackend(cpu());
        return undefined;
      }
      const { webgpu } = await import('@ag/backend-webgpu');
      const gpu = await dawn();
      if (typeof gpu === 'string') return gpu;
      adapter = gpu.adapter;
      gpuBackend = await webgpu({ gpu: gpu.gpu });
      ag.registerBackend(gpuBackend);
      ag.setDefaultDevice('webgpu');
      return undefined;
    },
    note: () => (device === 'webgpu' ? `adapter: ${adapter}; ` : '') + 'SGD by sub_',
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
      const [x, w, b] = [1, 2, 3].map((s) => t(randomF32(SHAPES.elementwise, s), [SHAPES.elementwise])) as [
        Tensor,
        Tensor,
        Tensor,
      ];
      return Promise.resolve(unary(() => x.mul(w).add(b).relu()));
    },
    sum() {
      const x = t(randomF32(SHAPES.sum, 1), [SHAPES.sum]);
      return Promise.resolve(unary(() => x.sum()));
    },
    softmax() {
      const [r, c] = SHAPES.softmax;
      const x = t(randomF32(r * c, 1, 4), [r, c]);
      return Promise.resolve(unary(() => x.softmax(1)));
    },
    conv2d() {
      const { n, c, h, w: wd, o, k } = SHAPES.conv;
      const x = t(randomF32(n * c * h * wd, 1), [n, c, h, wd]);
      const w = t(randomF32(o * c * k * k, 2, heScale(c * k * k)), [o, c, k, k]);
      const b = t(randomF32(o, 3), [o]);
      return Promise.resolve(unary(() => ag.functional.conv2d(x, w, b, { padding: 1 })));
    },
    mlpStep: () => Promise.resolve(mlpStep(t)),
    chain(shape) {
      const x = t(chainInput(shape), [...shape], true);
      return Promise.resolve({
        async run() {
          let y = x;
          // Alternate mul and add so neither is a special case the engine could fold.
          for (let i = 0; i < CHAIN_OPS; i++) y = i % 2 === 0 ? y.mul(1.0001) : y.add(0.0001);
          (shape.length === 0 ? y : y.sum()).backward();
          await x.grad!.toTypedArray();
          x.grad = null;
        },
      });
    },
    transformerStep: () => Promise.resolve(agTransformerStep(device)),
    memory: () => ({ ...(gpuBackend?.memory?.() as Record<string, number> | undefined) }),
  };
}

type Make = (
  data: Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer>,
  shape: number[],
  requiresGrad?: boolean,
) => Tensor;

/** Forward, cross-entropy, backward and an SGD update written as PyTorch users write it. */
function mlpStep(t: Make): Preparation {
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
  return {
    async run() {
      const loss = ag.tidy(() => {
        const logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
        const l = ag.functional.crossEntropy(logits, y);
        l.backward();
        ag.noGrad(() => {
          for (const p of params) {
            p.sub_(p.grad!.mul(lr));
            p.grad = null;
          }
        });
        return l;
      });
      await read(loss);
    },
  };
}
