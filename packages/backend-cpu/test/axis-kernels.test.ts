import { describe, expect, it } from 'vitest';
import { kernels } from '../src/kernels/index.js';
import { at, f64, indices, view } from './views.js';

// Expected values come from the definitions, evaluated by index arithmetic in the tests.
const x = f64([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8], [3, 4]);
const xT = view(x.storage, [4, 3], [1, 4]); // x transposed, a strided view

describe('argReduce', () => {
  it('finds the first max and min along each axis, through strides', () => {
    expect(Array.from(kernels.argReduce('argmax', x, 1))).toEqual([2, 1, 3]);
    expect(Array.from(kernels.argReduce('argmin', x, 1))).toEqual([1, 2, 1]);
    expect(Array.from(kernels.argReduce('argmax', x, 0))).toEqual([1, 1, 2, 2]);
    expect(Array.from(kernels.argReduce('argmax', xT, 0))).toEqual([2, 1, 3]);
  });

  it('lets NaN win, as PyTorch does', () => {
    const v = f64([1, NaN, 5, NaN]);
    expect(Array.from(kernels.argReduce('argmax', v, 0))).toEqual([1]);
    expect(Array.from(kernels.argReduce('argmin', v, 0))).toEqual([1]);
  });
});

describe('sort', () => {
  it('sorts each line, through strides, keeping the order of equal values', () => {
    const [v, i] = kernels.sort(x, 1, false);
    expect(Array.from(v)).toEqual([1, 1, 3, 4, 2, 5, 6, 9, 3, 5, 5, 8]);
    expect(Array.from(i)).toEqual([1, 3, 0, 2, 2, 0, 3, 1, 1, 0, 2, 3]);
    const [vd, id] = kernels.sort(xT, 1, true); // the columns of x, largest first
    expect(Array.from(vd)).toEqual([5, 5, 3, 9, 3, 1, 5, 4, 2, 8, 6, 1]);
    expect(Array.from(id)).toEqual([1, 2, 0, 1, 2, 0, 2, 0, 1, 2, 1, 0]);
  });

  it('puts NaN last ascending and first descending, in their order', () => {
    const v = f64([NaN, 2, -0, NaN, 0, -Infinity]);
    const [a, ai] = kernels.sort(v, 0, false);
    expect(Array.from(a)).toEqual([-Infinity, -0, 0, 2, NaN, NaN]);
    expect(Array.from(ai)).toEqual([5, 2, 4, 1, 0, 3]);
    const [d, di] = kernels.sort(v, 0, true);
    expect(Array.from(d)).toEqual([NaN, NaN, 2, -0, 0, -Infinity]);
    expect(Array.from(di)).toEqual([0, 3, 1, 2, 4, 5]);
  });
});

describe('scan', () => {
  it('cumsum and cumprod along either axis', () => {
    expect(Array.from(kernels.scan('cumsum', x, 1, 'float64'))).toEqual([3, 4, 8, 9, 5, 14, 16, 22, 5, 8, 13, 21]);
    expect(Array.from(kernels.scan('cumprod', f64([1, 2, 3, 4], [2, 2]), 0, 'float64'))).toEqual([1, 2, 3, 8]);
    expect(Array.from(kernels.scan('cumsum', xT, 1, 'float64'))).toEqual([3, 8, 13, 1, 10, 13, 4, 6, 11, 1, 7, 15]);
  });

  it('wraps int32 like PyTorch', () => {
    const v = view(Int32Array.from([2147483647, 1]), [2]);
    expect(Array.from(kernels.scan('cumsum', v, 0, 'int32'))).toEqual([2147483647, -2147483648]);
  });
});

describe('gather and scatter', () => {
  const index = view(Int32Array.from([0, 2, 1, 1, 3, 0]), [3, 2]);

  it('gather reads along the axis at the index values', () => {
    const got = kernels.gather(x, 1, index, 'float64');
    const want = indices([3, 2]).map(([i, j]) => at(x, [i!, at(index, [i!, j!])]));
    expect(Array.from(got)).toEqual(want);
  });

  it('scatter add accumulates repeated indices; assign overwrites', () => {
    const zeros = f64(new Array<number>(12).fill(0), [3, 4]);
    const src = f64([1, 2, 3, 4, 5, 6], [3, 2]);
    const want = new Array<number>(12).fill(0);
    for (const [i, j] of indices([3, 2])) {
      const k = i! * 4 + at(index, [i!, j!]);
      want[k] = want[k]! + at(src, [i!, j!]);
    }
    expect(Array.from(kernels.scatter(zeros, 1, index, src, 'add', 'float64'))).toEqual(want);
    const assigned = kernels.scatter(
      x,
      0,
      view(Int32Array.from([2, 0]), [1, 2]),
      f64([10, 20], [1, 2]),
      'assign',
      'float64',
    );
    expect(Array.from(assigned)).toEqual([3, 20, 4, 1, 5, 9, 2, 6, 10, 3, 5, 8]);
  });
});

describe('scatterView and assign', () => {
  it('scatterView accumulates overlapping windows (the gradient of unfold)', () => {
    // windows of size 2, step 1, over 4 elements: shape [3, 2], strides [1, 1]
    const g = f64([1, 1, 1, 1, 1, 1], [3, 2]);
    expect(Array.from(kernels.scatterView(g, 4, [1, 1], 0, 'float64'))).toEqual([1, 2, 2, 1]);
  });

  it('scatterView places a strided slice (every other column)', () => {
    const g = f64([1, 2, 3, 4], [2, 2]);
    expect(Array.from(kernels.scatterView(g, 8, [4, 2], 1, 'float64'))).toEqual([0, 1, 0, 2, 0, 3, 0, 4]);
  });

  it('assign writes through a transposed view and casts', () => {
    const target = new Float32Array(6);
    kernels.assign(view(target, [3, 2], [1, 3]), view(Int32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]));
    expect(Array.from(target)).toEqual([1, 3, 5, 2, 4, 6]);
  });
});
