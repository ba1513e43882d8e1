import type { Backend, DType, TypedArray } from '@ag/core';
import { DTYPES, allocHost, dtypeOfTypedArray } from '@ag/core';
import { kernels } from './kernels/index.js';

/**
 * The CPU backend: storage is a plain typed array of the dtype, and every value lives in host
 * memory, so reads are also available synchronously. The backend never aliases a caller's array:
 * uploads and reads copy. There is no `free`: the garbage collector reclaims typed arrays.
 */
export function cpu(): Backend<TypedArray> {
  return {
    name: 'cpu',
    dtypes: DTYPES,
    upload,
    read: (storage, _dtype, size) => Promise.resolve(storage.slice(0, size)),
    readSync: (storage, _dtype, size) => storage.slice(0, size),
    kernels,
  };
}

/** A copy of `data` as `dtype`'s typed array; bool is normalized to 0 and 1. */
function upload(data: TypedArray, dtype: DType): TypedArray {
  if (dtype !== 'bool' && dtypeOfTypedArray(data) === dtype) return data.slice();
  const res = allocHost(dtype, data.length);
  if (dtype === 'bool') for (let i = 0; i < data.length; i++) res[i] = data[i] !== 0 ? 1 : 0;
  else res.set(data);
  return res;
}

export { kernels };
