import { describe, expect, it } from 'vitest';
import { promoteTypes, resultType } from '../src/dtype.js';

// Expected dtypes are PyTorch's documented promotion rules (torch.result_type), with int32
// standing where PyTorch's default integer dtype (int64) would.
describe('type promotion', () => {
  it('promote_types orders kinds then widths', () => {
    expect(promoteTypes('bool', 'int32')).toBe('int32');
    expect(promoteTypes('int32', 'float32')).toBe('float32');
    expect(promoteTypes('float32', 'float64')).toBe('float64');
    expect(promoteTypes('bool', 'bool')).toBe('bool');
  });

  it('dimensioned tensors outrank zero-dim tensors of the same kind', () => {
    expect(resultType({ dtype: 'float32', ndim: 1 }, { dtype: 'float64', ndim: 0 })).toBe('float32');
    expect(resultType({ dtype: 'float32', ndim: 1 }, { dtype: 'float64', ndim: 1 })).toBe('float64');
  });

  it('a zero-dim tensor of a higher kind decides', () => {
    expect(resultType({ dtype: 'int32', ndim: 1 }, { dtype: 'float64', ndim: 0 })).toBe('float64');
  });

  it('scalars only matter when they raise the kind', () => {
    expect(resultType({ dtype: 'int32', ndim: 1 }, 2)).toBe('int32');
    expect(resultType({ dtype: 'int32', ndim: 1 }, 2.5)).toBe('float32');
    expect(resultType({ dtype: 'float64', ndim: 1 }, 2.5)).toBe('float64');
    expect(resultType({ dtype: 'bool', ndim: 1 }, 1)).toBe('int32');
    expect(resultType({ dtype: 'bool', ndim: 1 }, true)).toBe('bool');
  });
});
