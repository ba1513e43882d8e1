import { describe, expect, it } from 'vitest';
import { collapseLayout, flatStep, layoutKind } from '../src/backend/layout.js';

// Expected values follow from the strides: a row-major [2, 3, 4] has strides [12, 4, 1]; its
// transpose (dims 0 and 1 of a [2, 3]) swaps them; a broadcast dim has stride 0.
describe('layoutKind', () => {
  it('classifies row-major strides as contiguous, size-1 dims ignored', () => {
    expect(layoutKind([2, 3, 4], [12, 4, 1])).toBe('contiguous');
    expect(layoutKind([2, 1, 3], [3, 99, 1])).toBe('contiguous');
    expect(layoutKind([], [])).toBe('contiguous');
    expect(layoutKind([1, 1], [0, 0])).toBe('contiguous'); // one element: contiguous wins
  });
  it('classifies stride 0 wherever the size exceeds 1 as broadcast', () => {
    expect(layoutKind([2, 3], [0, 0])).toBe('broadcast');
    expect(layoutKind([4, 1, 5], [0, 7, 0])).toBe('broadcast');
  });
  it('classifies one contiguous row repeated along the other dims as rows', () => {
    expect(layoutKind([4, 3], [0, 1])).toBe('rows'); // a [3] bias expanded to [4, 3]
    expect(layoutKind([2, 4, 3], [0, 0, 1])).toBe('rows');
  });
  it('classifies everything else as strided', () => {
    expect(layoutKind([3, 2], [1, 3])).toBe('strided'); // a transposed [2, 3]
    expect(layoutKind([4, 3], [1, 0])).toBe('strided'); // a [4, 1] column expanded to [4, 3]
    expect(layoutKind([3], [2])).toBe('strided'); // every other element
    expect(layoutKind([2, 3], [4, 1])).toBe('strided'); // a [2, 3] slice of a [2, 4]
  });
});

describe('flatStep', () => {
  it('is 1 for contiguous, 0 for broadcast, -1 otherwise', () => {
    expect(flatStep([2, 3, 4], [12, 4, 1])).toBe(1);
    expect(flatStep([2, 3], [0, 0])).toBe(0);
    expect(flatStep([4, 3], [0, 1])).toBe(-1); // rows: no single step walks it
    expect(flatStep([3, 2], [1, 3])).toBe(-1);
  });
});

describe('collapseLayout', () => {
  it('collapses a contiguous [2, 3, 4] to [24]', () => {
    expect(collapseLayout([2, 3, 4], [[12, 4, 1]])).toEqual({ shape: [24], strides: [[1]] });
  });
  it('collapses contiguous and broadcast operands together to one dim', () => {
    expect(
      collapseLayout(
        [2, 3],
        [
          [3, 1],
          [0, 0],
        ],
      ),
    ).toEqual({ shape: [6], strides: [[1], [0]] });
  });
  it('leaves a transposed [2, 3] view uncollapsed', () => {
    expect(collapseLayout([3, 2], [[1, 3]])).toEqual({ shape: [3, 2], strides: [[1, 3]] });
  });
  it('merges neighbouring broadcast (stride 0) dims', () => {
    // A [4] row expanded to [2, 3, 4] next to a contiguous operand: dims 0 and 1 merge (0 = 0 * 3
    // for the row, 12 = 4 * 3 for the contiguous one), the row's own dim stays.
    expect(
      collapseLayout(
        [2, 3, 4],
        [
          [12, 4, 1],
          [0, 0, 1],
        ],
      ),
    ).toEqual({
      shape: [6, 4],
      strides: [
        [4, 1],
        [0, 1],
      ],
    });
  });
  it('merges only where every operand steps through the dims as one', () => {
    // Operand 0 contiguous [2, 3, 4]; operand 1 the same values with dims 0 and 1 swapped
    // (strides [4, 8, 1]): only the innermost dim could merge, and nothing merges with it.
    expect(
      collapseLayout(
        [2, 3, 4],
        [
          [12, 4, 1],
          [4, 8, 1],
        ],
      ),
    ).toEqual({
      shape: [2, 3, 4],
      strides: [
        [12, 4, 1],
        [4, 8, 1],
      ],
    });
    // A transposed [3, 2] over a [4] batch: the batch merges with nothing, the last two dims stay.
    expect(collapseLayout([4, 3, 2], [[6, 1, 3]])).toEqual({ shape: [4, 3, 2], strides: [[6, 1, 3]] });
  });
  it('drops size-1 dims whatever their stride', () => {
    // [2, 1, 3] transposed to [3, 1, 2]: strides [1, 99, 3] walk like [3, 2] with [1, 3].
    expect(collapseLayout([3, 1, 2], [[1, 99, 3]])).toEqual({ shape: [3, 2], strides: [[1, 3]] });
    // A [2, 1, 3] slice of a [2, 5, 3] (strides [15, 3, 1]) beside a broadcast row: the size-1
    // dim drops, and the outer dim does not merge (15 is not 1 * 3).
    expect(
      collapseLayout(
        [2, 1, 3],
        [
          [15, 3, 1],
          [0, 0, 1],
        ],
      ),
    ).toEqual({
      shape: [2, 3],
      strides: [
        [15, 1],
        [0, 1],
      ],
    });
  });
  it('keeps one dim for a single element and for empty tensors', () => {
    expect(collapseLayout([], [[]])).toEqual({ shape: [1], strides: [[1]] });
    expect(
      collapseLayout(
        [1, 1],
        [
          [5, 7],
          [0, 0],
        ],
      ),
    ).toEqual({ shape: [1], strides: [[1], [1]] });
    expect(collapseLayout([2, 0, 3], [[0, 3, 1]])).toEqual({ shape: [0], strides: [[1]] });
  });
});
