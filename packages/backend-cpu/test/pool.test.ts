import { describe, expect, it } from 'vitest';
import { registerBackend, tensor } from '@ag/core';
import { BufferPool, MIN_POOLED_LENGTH, cpu, pool } from '../src/index.js';
import { view } from './views.js';

const N = MIN_POOLED_LENGTH * 2;

describe('BufferPool', () => {
  it('hands a given array back for the same dtype and length only', () => {
    const p = new BufferPool();
    const a = new Float32Array(N);
    p.give(a);
    expect(p.bytes).toBe(a.byteLength);
    expect(p.take('float64', N)).not.toBe(a);
    expect(p.take('float32', N + 1)).not.toBe(a);
    expect(p.take('float32', N)).toBe(a);
    expect(p.bytes).toBe(0);
    expect(p.take('float32', N)).not.toBe(a); // taken once, gone
  });

  it('keeps an array given twice once, so it is never handed out twice', () => {
    const p = new BufferPool();
    const a = new Int32Array(N);
    p.give(a);
    p.give(a);
    expect(p.take('int32', N)).toBe(a);
    expect(p.take('int32', N)).not.toBe(a);
  });

  it('leaves small arrays, windows on larger buffers and anything past its bound to the collector', () => {
    const p = new BufferPool(3 * N * 4);
    p.give(new Float32Array(MIN_POOLED_LENGTH - 1));
    p.give(new Float32Array(2 * N).subarray(0, N));
    p.give(new Float32Array(new ArrayBuffer(8 * N), 4 * N));
    expect(p.bytes).toBe(0);
    for (let i = 0; i < 4; i++) p.give(new Float32Array(N));
    expect(p.bytes).toBe(3 * N * 4);
    p.clear();
    expect(p.bytes).toBe(0);
  });

  it('zeroes a reused array for kernels that accumulate', () => {
    const p = new BufferPool();
    const a = new Float64Array(N).fill(7);
    p.give(a);
    const z = p.takeZeroed('float64', N);
    expect(z).toBe(a);
    expect(z.every((v) => v === 0)).toBe(true);
    expect(p.takeZeroed('bool', N).every((v) => v === 0)).toBe(true);
  });
});

describe('kernels on reused buffers', () => {
  const backend = cpu();
  const k = backend.kernels;
  /** Frees a storage full of `junk`, so the next output of its dtype and length reuses it. */
  const dirty = (
    make: () => Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>,
    junk = 7,
  ): void => {
    const a = make();
    a.fill(junk);
    backend.free!(a);
  };

  it('reuses a freed output for the next kernel output of that dtype and length', () => {
    const x = view(
      Float32Array.from({ length: N }, (_, i) => i),
      [N],
    );
    const first = k.unary('neg', x, 'float32');
    backend.free!(first);
    const second = k.binary('add', x, x, 'float32');
    expect(second).toBe(first);
    expect(second[N - 1]).toBe(2 * (N - 1));
  });

  it('fills zeros (and -0) over old values', () => {
    dirty(() => new Float32Array(N));
    expect(k.fill(N, 0, 'float32').every((v) => Object.is(v, 0))).toBe(true);
    dirty(() => new Float32Array(N));
    expect(k.fill(N, -0, 'float32').every((v) => Object.is(v, -0))).toBe(true);
  });

  it('scatters a view gradient into zeros, not into old values', () => {
    dirty(() => new Float32Array(N));
    const src = view(Float32Array.from([1, 2]), [2]);
    const res = k.scatterView(src, N, [3], 1, 'float32');
    expect(res[1]).toBe(1);
    expect(res[4]).toBe(2);
    expect(Array.from(res).reduce((s, v) => s + v, 0)).toBe(3);
  });

  it('starts every reduction from its identity', () => {
    const x = view(
      Float32Array.from({ length: 4 * N }, () => 1),
      [4, N],
    );
    for (const [op, want] of [
      ['sum', 4],
      ['prod', 1],
      ['max', 1],
      ['min', 1],
    ] as const) {
      dirty(() => new Float64Array(N), -5);
      dirty(() => new Float32Array(N), -5);
      expect(Array.from(new Set(k.reduce(op, x, [0], 'float32')))).toEqual([want]);
    }
    dirty(() => new Int32Array(N), -5);
    const ints = view(
      Int32Array.from({ length: 2 * N }, () => 3),
      [2, N],
    );
    expect(Array.from(new Set(k.reduce('sum', ints, [0], 'int32')))).toEqual([6]);
  });

  it('copies scatter inputs whole and writes every output element', () => {
    dirty(() => new Float32Array(N));
    const x = view(new Float32Array(N), [N]);
    const index = view(Int32Array.from([5]), [1]);
    const res = k.scatter(x, 0, index, view(Float32Array.from([2]), [1]), 'add', 'float32');
    expect(res[5]).toBe(2);
    expect(Array.from(res).reduce((s, v) => s + v, 0)).toBe(2);
  });
});

describe('the pool behind tensors', () => {
  registerBackend(cpu());

  it('reuses a disposed tensor’s storage, and the new tensor holds only its own values', async () => {
    pool.clear();
    const a = tensor(new Float32Array(N).fill(1));
    const b = a.mul(3);
    const held = b.storage;
    b.dispose();
    expect(pool.bytes).toBe(N * 4);
    const c = a.add(1);
    expect(c.storage).toBe(held);
    expect(new Set(await c.toTypedArray())).toEqual(new Set([2]));
    // The pool never hands a live tensor's storage out again.
    const d = a.add(2);
    expect(d.storage).not.toBe(held);
    expect(new Set(await c.toTypedArray())).toEqual(new Set([2]));
  });

  it('keeps small storages out of the pool, and collected ones out of the finalizer', () => {
    pool.clear();
    const s = tensor(Float32Array.of(1, 2));
    s.add(1).dispose();
    expect(pool.bytes).toBe(0);
    expect(cpu().freeOnCollectFrom).toBe(Infinity);
  });
});
