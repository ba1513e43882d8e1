import {
  functional as F,
  nn,
  optim,
  randn,
  registerBackend,
  setDefaultDevice,
  tensor,
  unregisterBackend,
} from '@ag/core';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpu, pool } from '../src/index.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * Issue 6's memory claim on the CPU: 1,000 training steps written as a PyTorch user writes them
 * (no dispose, no tidy) leave the heap flat once the collector has run, and the buffer pool
 * stays within its bound. Intermediates reach the collector because nothing keeps the graph of
 * a finished step: the engine drops saved tensors as each node runs.
 */
describe('CPU memory over 1,000 training steps', () => {
  beforeAll(() => {
    registerBackend(cpu());
    setDefaultDevice('cpu');
  });
  afterAll(() => {
    unregisterBackend('cpu');
  });

  it('keeps the heap flat', async () => {
    const model = new nn.Sequential(new nn.Linear(64, 128), new nn.ReLU(), new nn.Linear(128, 10));
    const opt = new optim.SGD(model.parameters(), { lr: 0.01 });
    const x = randn([32, 64]);
    const y = tensor(
      Array.from({ length: 32 }, (_, i) => (i * 7) % 10),
      { dtype: 'int32' },
    );
    const step = (): void => {
      opt.zeroGrad();
      F.crossEntropy(model.forward(x), y).backward();
      opt.step();
    };
    const settle = async (): Promise<number> => {
      for (let i = 0; i < 3; i++) {
        collectGarbage();
        await new Promise((resolve) => setTimeout(resolve, 5)); // lets FinalizationRegistry callbacks run
      }
      return process.memoryUsage().heapUsed;
    };
    for (let i = 0; i < 100; i++) step();
    const before = await settle();
    for (let i = 0; i < 1000; i++) step();
    const after = await settle();
    // A leak of one 32x128 activation per step alone would be 16 MB.
    expect(after - before).toBeLessThan(4 * 2 ** 20);
    expect(pool.bytes).toBeLessThanOrEqual(pool.maxBytes);
  });
});
