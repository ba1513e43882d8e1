import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  ValueError,
  memory,
  ones,
  registerBackend,
  setDefaultDevice,
  tensor,
  tidy,
  unregisterBackend,
  zeros,
} from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Runs the collector until FinalizationRegistry callbacks have had their turn. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * memory() against the fake backend's own record of the storages it made and was asked to free
 * (fake-backend.ts's `live`), an account kept apart from core's.
 */
describe('memory(): live storages and bytes', () => {
  const backend = fakeBackend('memory-test');
  const figures = (): { tensors: number; bytes: number } => {
    const b = memory().backends['memory-test']!;
    return { tensors: b.tensors, bytes: b.bytes };
  };
  beforeAll(() => {
    registerBackend(backend);
    setDefaultDevice('memory-test');
  });
  afterAll(() => {
    unregisterBackend('memory-test');
  });

  it('counts what the backend holds: storages, and bytes of their dtypes', async () => {
    await settle();
    const before = figures();
    expect(before.tensors).toBe(backend.live.size);
    const a = zeros([10]); // float32: 40 bytes
    const b = zeros([3, 2], { dtype: 'float64' }); // 48 bytes
    const v = a.view([2, 5]); // a view: no storage of its own
    expect(figures()).toEqual({ tensors: before.tensors + 2, bytes: before.bytes + 40 + 48 });
    expect(figures().tensors).toBe(backend.live.size);
    a.dispose();
    expect(figures()).toEqual({ tensors: before.tensors + 2, bytes: before.bytes + 40 + 48 }); // v holds it
    v.dispose();
    b.dispose();
    expect(figures()).toEqual(before);
    expect(figures().tensors).toBe(backend.live.size);
  });

  it('sees tensors disposed by tidy and tensors the collector reclaimed', async () => {
    await settle();
    const before = figures();
    const kept = tidy(() =>
      ones([4])
        .mul(ones([4]))
        .add(ones([4])),
    );
    expect(figures().tensors).toBe(before.tensors + 1);
    expect(figures().bytes).toBe(before.bytes + 16);
    kept.dispose();
    for (let i = 0; i < 100; i++) ones([8]).neg(); // 200 storages left to the collector
    await settle();
    expect(figures()).toEqual(before);
    expect(figures().tensors).toBe(backend.live.size);
  });

  it('adds up the backends and lists the registered ones', () => {
    const m = memory();
    const all = Object.values(m.backends);
    expect(m.tensors).toBe(all.reduce((s, b) => s + b.tensors, 0));
    expect(m.bytes).toBe(all.reduce((s, b) => s + b.bytes, 0));
    expect(m.backends['memory-test']!.unwatched).toBe(0);
    expect(m.leaks).toBeUndefined();
  });

  it('refuses a leak report without recorded stacks, saying how to record them', () => {
    expect(() => memory({ leaks: true })).toThrow(ValueError);
    expect(() => memory({ leaks: true })).toThrow(/memory\.recordHistory\(\)/);
  });

  it('checks its arguments', () => {
    expect(() => memory({ leak: true } as never)).toThrow(TypeError);
    expect(() => {
      memory.recordHistory('yes' as never);
    }).toThrow(/memory\.recordHistory: argument 1/);
  });
});

describe('memory() on a backend whose storages the collector reclaims unseen', () => {
  // As the CPU backend: `free` for disposed storages only, so core registers no finalizer.
  const backend: Backend = { ...fakeBackend('memory-unseen'), freeOnCollectFrom: Infinity };
  beforeAll(() => {
    registerBackend(backend);
  });
  afterAll(() => {
    memory.recordHistory(false);
    unregisterBackend('memory-unseen');
  });

  it('counts its storages as unwatched, then exactly once history is recorded', async () => {
    const at = (): { tensors: number; unwatched: number } => {
      const b = memory().backends['memory-unseen']!;
      return { tensors: b.tensors, unwatched: b.unwatched };
    };
    tensor([1, 2], { device: 'memory-unseen' });
    expect(at()).toEqual({ tensors: 0, unwatched: 1 });
    memory.recordHistory(true, { stacks: false });
    // Made in a function, so that nothing refers to it once it returns.
    (() => tensor([1, 2, 3], { device: 'memory-unseen' }))();
    expect(at()).toEqual({ tensors: 1, unwatched: 1 });
    expect(memory().backends['memory-unseen']!.bytes).toBe(12);
    await settle();
    expect(at()).toEqual({ tensors: 0, unwatched: 1 });
  });
});
