import { describe, expect, it } from 'vitest';
import { compactValues, shapeAndDtype } from '../src/graph/format.js';
import type { TensorSummary } from '../src/graph/messages.js';

const summary = (repr: string | null, shape = [2, 2]): TensorSummary => ({
  shape,
  dtype: 'float32',
  requiresGrad: false,
  repr,
});

describe('graph labels', () => {
  it("put a repr's values on one line, without tensor(...) and its keywords", () => {
    expect(compactValues(summary("tensor([[6., 6.],\n        [6., 6.]], device='webgpu')"))).toBe(
      '[[6., 6.], [6., 6.]]',
    );
    expect(compactValues(summary('tensor(36., grad_fn=<SumBackward0>)', []))).toBe('36.');
    expect(compactValues(summary('tensor(1.)', []))).toBe('1.');
  });

  it('cut long values with an ellipsis', () => {
    const long = `tensor([${Array.from({ length: 20 }, (_, i) => `${i}.`).join(', ')}])`;
    const text = compactValues(summary(long, [20]), 12);
    expect(text).toBe('[0., 1., 2.…');
    expect(text).toHaveLength(12);
  });

  it('show shape and dtype while the values are unread (WebGPU, mid-backward)', () => {
    expect(compactValues(summary(null))).toBe('[2, 2] float32');
    expect(shapeAndDtype({ shape: [], dtype: 'float64' })).toBe('[] float64');
  });
});
