import { describe, expect, it } from 'vitest';
import { backend, k } from './kernel-helpers.js';
import { f64, toArray, view } from './views.js';

/** The backend's storage kernels: upload and read, fill, and copy (gathering views, casting). */
describe('backend', () => {
  it('names itself and its dtypes', () => {
    expect(backend.name).toBe('cpu');
    expect([...backend.dtypes]).toEqual([
      'float32',
      'float64',
      'float16',
      'bfloat16',
      'int32',
      'uint8',
      'int8',
      'bool',
    ]);
  });

  it('copies on upload and on read', async () => {
    const data = Float32Array.from([1, 2, 3]);
    const s = backend.upload(data, 'float32');
    data[0] = 9;
    expect(toArray(s)).toEqual([1, 2, 3]);
    const read = await backend.read(s, 'float32', 2);
    read[0] = 7;
    expect(toArray(read)).toEqual([7, 2]);
    expect(toArray(backend.readSync!(s, 'float32', 3))).toEqual([1, 2, 3]);
    expect(typeof backend.free).toBe('function'); // freed arrays go back to the pool (pool.test.ts)
  });

  it('normalizes bool on upload', () => {
    expect(toArray(backend.upload(Uint8Array.from([0, 2, 255]), 'bool'))).toEqual([0, 1, 1]);
  });
});

describe('fill', () => {
  it('fills in every dtype, bool as 0/1, keeping -0', () => {
    expect(toArray(k.fill(3, 2.5, 'float32'))).toEqual([2.5, 2.5, 2.5]);
    expect(toArray(k.fill(2, -2.7, 'int32'))).toEqual([-2, -2]);
    expect(toArray(k.fill(2, 2, 'bool'))).toEqual([1, 1]);
    expect(toArray(k.fill(1, NaN, 'bool'))).toEqual([1]);
    expect(Object.is(k.fill(1, -0, 'float64')[0], -0)).toBe(true);
    expect(k.fill(0, 1, 'float32').length).toBe(0);
  });
});

describe('copy', () => {
  it('gathers transposed, offset and broadcast views', () => {
    const x = view(Float32Array.from([9, 0, 1, 2, 3, 4, 5]), [3, 2], [1, 3], 1); // [[0,3],[1,4],[2,5]]
    expect(toArray(k.copy(x, 'float32'))).toEqual([0, 3, 1, 4, 2, 5]);
    const b = view(Float32Array.from([7, 8]), [3, 2], [0, 1]);
    expect(toArray(k.copy(b, 'float64'))).toEqual([7, 8, 7, 8, 7, 8]);
    expect(toArray(k.copy(view(Float32Array.from([1, 2, 3]), [], [], 2), 'float32'))).toEqual([3]);
    expect(k.copy(view(new Float32Array(0), [2, 0, 3]), 'float32').length).toBe(0);
  });

  it('casts as PyTorch does', () => {
    const x = f64([-2.7, 2.7, 0, 0.5, NaN]);
    expect(toArray(k.copy(x, 'int32')).slice(0, 4)).toEqual([-2, 2, 0, 0]);
    expect(toArray(k.copy(x, 'bool'))).toEqual([1, 1, 0, 1, 1]);
    expect(k.copy(f64([0.1]), 'float32')[0]).toBe(Math.fround(0.1));
    expect(k.copy(view(Int32Array.from([16777217]), [1]), 'float32')[0]).toBe(16777216);
    const strided = view(Float64Array.from([0.5, 9, 0, 9, -1]), [3], [2]);
    expect(toArray(k.copy(strided, 'bool'))).toEqual([1, 0, 1]);
  });
});
