import { describe, expect, it } from 'vitest';
import {
  broadcastShapes,
  contiguousStrides,
  inferShape,
  isContiguous,
  normalizeDim,
  normalizeDims,
  viewStrides,
} from '../src/shape.js';

describe('shapes', () => {
  it('broadcasts from the right', () => {
    expect(broadcastShapes('add', [2, 1, 3], [4, 1])).toEqual([2, 4, 3]);
    expect(broadcastShapes('add', [], [2, 2])).toEqual([2, 2]);
    expect(broadcastShapes('add', [0, 1], [1, 5])).toEqual([0, 5]);
  });

  it('refuses sizes that differ and are not 1, naming both shapes', () => {
    expect(() => broadcastShapes('add', [2, 3], [4])).toThrow(
      'add: shapes [2, 3] and [4] cannot be broadcast together',
    );
  });

  it('normalizes negative dims and checks the range', () => {
    expect(normalizeDim('sum', -1, 3)).toBe(2);
    expect(normalizeDim('sum', 0, 0)).toBe(0);
    expect(() => normalizeDim('sum', 3, 3)).toThrow('expected to be in range of [-3, 2], but got 3');
    expect(normalizeDims('sum', [-1, 0], 3)).toEqual([0, 2]);
    expect(() => normalizeDims('sum', [1, -2], 3)).toThrow('appears multiple times');
  });

  it('infers one -1 and checks the element count', () => {
    expect(inferShape('reshape', [-1, 4], 12)).toEqual([3, 4]);
    expect(() => inferShape('reshape', [-1, -1], 12)).toThrow('only one dimension can be inferred');
    expect(() => inferShape('reshape', [5], 12)).toThrow('shape [5] is invalid for input of size 12');
  });

  it('views a layout without copying when its elements allow it', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(viewStrides([2, 3, 4], [12, 4, 1], [6, 4])).toEqual([4, 1]);
    // A transpose cannot be flattened without a copy...
    expect(viewStrides([3, 2], [1, 3], [6])).toBeNull();
    // ...but splitting one of its dims can.
    expect(viewStrides([4, 2], [1, 4], [2, 2, 2])).toEqual([2, 1, 4]);
    expect(isContiguous([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(isContiguous([3, 2], [1, 3])).toBe(false);
  });
});
