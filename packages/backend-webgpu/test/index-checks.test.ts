import { functional as F, oneHot, tensor } from '@ag/core';
import { describe, expect, it } from 'vitest';
import { nodeBackend, useBackend } from './gpu.js';

const backend = await nodeBackend();

const idx = (values: number[]) => tensor(Int32Array.from(values));

/**
 * Index values checked on the GPU: core cannot look at them without a read back, so the check
 * runs on the device and the next read throws (the conformance suite's error cases check the
 * messages; these check when the error comes and what happens after it).
 */
describe.runIf(backend !== null)('webgpu index checks, reported by the next read', () => {
  useBackend(backend!);

  it('a bad index fails the read of the result, with the op, the value and the bounds', async () => {
    const x = tensor([10, 20, 30]);
    const y = x.gather(0, idx([0, 3, 1]));
    await expect(y.toArray()).rejects.toThrow(
      /gather: index 3 is out of bounds for dimension 0 with size 3 \(checked on the GPU/,
    );
  });

  it('reports a fault once: later reads, and later correct gathers, work', async () => {
    const x = tensor([10, 20, 30]);
    await expect(x.gather(0, idx([-1])).toArray()).rejects.toThrow(/index -1 is out of bounds/);
    expect(await x.toArray()).toEqual([10, 20, 30]);
    expect(await x.gather(0, idx([2, 0])).toArray()).toEqual([30, 10]);
  });

  it('fails whichever read comes next, as CUDA reports a device-side assert at the next sync', async () => {
    const w = tensor([
      [1, 2],
      [3, 4],
    ]);
    F.embedding(idx([0, 2]), w);
    await expect(tensor([5]).toArray()).rejects.toThrow(/embedding: index 2 out of range for 2 entries/);
  });

  it('lets ignoreIndex through and catches other targets, negative too', async () => {
    const logits = tensor([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(await F.crossEntropy(logits, idx([2, -100])).item()).toBeCloseTo(
      Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3,
      5,
    );
    await expect(F.crossEntropy(logits, idx([-2, 0])).item()).rejects.toThrow(
      /crossEntropy: target class -2 out of range for 3 classes/,
    );
  });

  it('oneHot with numClasses, indexSelect, scatter and scatterAdd are checked too', async () => {
    await expect(oneHot(idx([0, 4]), 4).toArray()).rejects.toThrow(
      /oneHot: class values must be smaller than numClasses \(4\), got 4/,
    );
    await expect(oneHot(idx([-1]), 4).toArray()).rejects.toThrow(/oneHot: class values must be non-negative, got -1/);
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    await expect(x.indexSelect(1, idx([1, 2])).toArray()).rejects.toThrow(
      /indexSelect: index 2 is out of bounds for dimension 1 with size 2/,
    );
    await expect(x.scatter(0, tensor(Int32Array.from([5, 0])).reshape([1, 2]), 7).toArray()).rejects.toThrow(
      /scatter: index 5 is out of bounds/,
    );
    await expect(x.scatterAdd(1, tensor(Int32Array.from([0, 9])).reshape([1, 2]), x).toArray()).rejects.toThrow(
      /scatterAdd: index 9 is out of bounds/,
    );
  });

  it('reads after checks that passed return their values as usual', async () => {
    const x = tensor([1, 2, 3, 4]);
    for (let i = 0; i < 50; i++) x.gather(0, idx([i % 4]));
    expect(await x.gather(0, idx([3])).toArray()).toEqual([4]);
    expect(await x.toArray()).toEqual([1, 2, 3, 4]);
  });
});
