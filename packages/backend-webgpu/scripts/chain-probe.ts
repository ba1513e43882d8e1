/**
 * The bench's 10k-op scalar chain (mul, add alternated; forward and backward) on this backend
 * through Dawn, timed per run: for profiling with `node --cpu-prof`. Usage:
 * [HOST_ELEMENTS=n] node --conditions=@ag/source --import tsx scripts/chain-probe.ts [runs] [shape]
 * (HOST_ELEMENTS sets `hostElements`; 0 puts every op on the device). A non-scalar chain is summed.
 */
import * as ag from '@ag/core';
import { create, globals } from 'webgpu';
import { webgpu } from '../src/index.js';

Object.assign(globalThis, globals);
const gpu = create([]);
(globalThis as { keepGpu?: GPU }).keepGpu = gpu;
const host = process.env.HOST_ELEMENTS;
const backend = await webgpu({ gpu, ...(host === undefined ? {} : { hostElements: Number(host) }) });
ag.registerBackend(backend);
ag.setDefaultDevice('webgpu');
const runs = Number(process.argv[2] ?? 8);
const shape = JSON.parse(process.argv[3] ?? '[]') as number[];
const size = shape.reduce((a, b) => a * b, 1);
const x = ag.tensor(new Float32Array(size).fill(0.5), { device: 'webgpu' }).reshape(shape).detach().requiresGrad_(true);
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  let y = x;
  for (let i = 0; i < 10_000; i++) y = i % 2 === 0 ? y.mul(1.0001) : y.add(0.0001);
  const t1 = performance.now();
  (size === 1 ? y : y.sum()).backward();
  const t2 = performance.now();
  const g = await x.grad!.toTypedArray();
  x.grad = null;
  const t3 = performance.now();
  console.log(
    `run ${r}: ${(t3 - t0).toFixed(0)} ms (forward ${(t1 - t0).toFixed(0)}, backward ${(t2 - t1).toFixed(0)}, read ${(t3 - t2).toFixed(0)}) grad ${g[0]}`,
  );
}
console.log('memory', JSON.stringify(backend.memory()));
