import { describe, expect, it } from 'vitest';
import { computeDtype, isStorageDtype } from '../src/backend/storage-dtypes.js';
import { DTYPES, type DType, dtypeOfTypedArray, isFloating, promoteTypes, resultType } from '../src/dtype.js';

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

  // PyTorch: torch.promote_types(torch.uint8, torch.int8) is torch.int16, which ag lacks: int32.
  it('storage dtypes promote as in PyTorch', () => {
    expect(promoteTypes('float16', 'bfloat16')).toBe('float32');
    expect(promoteTypes('float16', 'float32')).toBe('float32');
    expect(promoteTypes('bfloat16', 'float64')).toBe('float64');
    expect(promoteTypes('uint8', 'int8')).toBe('int32');
    expect(promoteTypes('uint8', 'int32')).toBe('int32');
    expect(promoteTypes('int8', 'float16')).toBe('float16');
    expect(promoteTypes('bool', 'uint8')).toBe('uint8');
    expect(promoteTypes('int32', 'bfloat16')).toBe('bfloat16');
  });

  // As storage-dtypes.ts documents them: stored in 8 or 16 bits, computed in float32 or int32.
  it('the storage dtypes are the 8- and 16-bit ones, computed in float32 or int32', () => {
    expect(DTYPES.filter(isStorageDtype).sort()).toEqual(['bfloat16', 'float16', 'int8', 'uint8']);
    expect(['bfloat16', 'float16', 'int8', 'uint8'].map((d) => computeDtype(d as DType))).toEqual([
      'float32',
      'float32',
      'int32',
      'int32',
    ]);
  });

  it('scalars keep a storage dtype of their kind', () => {
    expect(resultType({ dtype: 'uint8', ndim: 1 }, 300)).toBe('uint8');
    expect(resultType({ dtype: 'uint8', ndim: 1 }, 2.5)).toBe('float32');
    expect(resultType({ dtype: 'float16', ndim: 1 }, 2.5)).toBe('float16');
    expect(resultType({ dtype: 'float16', ndim: 1 }, { dtype: 'float32', ndim: 0 })).toBe('float16');
    expect(resultType({ dtype: 'int8', ndim: 1 }, { dtype: 'float64', ndim: 0 })).toBe('float64');
  });
});

describe('dtypes of typed arrays', () => {
  it('reads a Uint8Array as uint8 image data and an Int8Array as int8', () => {
    expect(dtypeOfTypedArray(new Uint8Array(1))).toBe('uint8');
    expect(dtypeOfTypedArray(new Int8Array(1))).toBe('int8');
    expect(dtypeOfTypedArray(new Uint16Array(1))).toBeNull();
    expect(isFloating('bfloat16')).toBe(true);
    expect(isFloating('uint8')).toBe(false);
  });
});
