import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradcheck, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

const backend = fakeBackend('gradcheck-test');
beforeAll(() => {
  registerBackend(backend);
  setDefaultDevice('gradcheck-test');
});
afterAll(() => {
  unregisterBackend('gradcheck-test');
});

/** Storages `gradcheck` of x -> x * x * w leaves alive for inputs of shape [2, n]. */
async function leftAlive(n: number): Promise<number> {
  const row = (f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));
  const x = tensor([row((i) => 0.5 + i), row((i) => -i)], { dtype: 'float64', requiresGrad: true });
  const w = tensor([row((i) => 2 - i / n), row((i) => 1 + i)], { dtype: 'float64' });
  const before = backend.live.size;
  await expect(gradcheck((a, b) => a.mul(a).mul(b), [x, w])).resolves.toBe(true);
  return backend.live.size - before;
}

describe('gradcheck', () => {
  // Two evaluations per element each make a shifted input and its result: all are disposed as
  // the evaluation ends, so what stays (the analytic pass's tensors, until the collector runs)
  // does not grow with the number of elements checked.
  it('disposes what each finite-difference evaluation makes', async () => {
    const small = await leftAlive(1);
    expect(await leftAlive(6)).toBe(small);
  });
});
