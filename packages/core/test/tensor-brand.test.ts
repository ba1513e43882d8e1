import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTensor, nn, registerBackend, setDefaultDevice, tensor, tidy, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

beforeAll(() => {
  registerBackend(fakeBackend('brand-test'));
  setDefaultDevice('brand-test');
});
afterAll(() => {
  unregisterBackend('brand-test');
});

describe('isTensor', () => {
  it('recognises tensors and their subclasses', () => {
    expect(isTensor(tensor([1, 2]))).toBe(true);
    expect(isTensor(new nn.Parameter(tensor([1])))).toBe(true);
  });

  it('rejects look-alikes and non-objects', () => {
    for (const x of [null, undefined, 1, 'tensor', [1, 2], { _store: {}, shape: [2], dtype: 'float32' }])
      expect(isTensor(x)).toBe(false);
  });

  it('recognises a tensor from another copy of the package by its registered brand', () => {
    class ForeignTensor {
      get [Symbol.for('ag.tensor')](): true {
        return true;
      }
    }
    expect(isTensor(new ForeignTensor())).toBe(true);
  });

  it('is what tidy uses to keep the tensors it returns', () => {
    const kept = tidy(() => ({ a: tensor([1]).mul(2), b: [tensor([3])] }));
    expect(kept.a.isDisposed).toBe(false);
    expect(kept.b[0]!.isDisposed).toBe(false);
  });
});
