import type { Backend, DType, TypedArray } from '@ag/core';
import { DTYPES } from '@ag/core';
import { kernels } from './kernels/index.js';
import { pool } from './pool.js';

/**
 * The CPU backend: storage is a plain typed array of the dtype, and every value lives in host
 * memory, so reads are also available synchronously. The backend never aliases a caller's array:
 * uploads and reads copy. `free` keeps a disposed tensor's array in the pool kernels allocate their
 * outputs from (large arrays only; the garbage collector reclaims the rest).
 */
export function cpu(): Backend<TypedArray> {
  return {
    name: 'cpu',
    dtypes: DTYPES,
    upload,
    read: (storage, _dtype, size) => Promise.resolve(storage.slice(0, size)),
    readSync: (storage, _dtype, size) => storage.slice(0, size),
    free: (storage) => {
      pool.give(storage);
    },
    // Only disposed storages come back to the pool, never collected ones: a finalizer keeps its
    // array alive until the callback runs, and with many of them V8 runs far more mark-compacts
    // (training slowed down: docs/performance.md). The collector frees the rest.
    freeOnCollectFrom: Infinity,
    // Tensors' arrays are the garbage collector's to count; the pool's are ours.
    memory: () => ({ pooledArrays: pool.arrays, pooledBytes: pool.bytes, pooledMaxBytes: pool.maxBytes }),
    kernels,
  };
}

/** A copy of `data` as `dtype`'s typed array; bool is normalized to 0 and 1. */
function upload(data: TypedArray, dtype: DType): TypedArray {
  const res = pool.take(dtype, data.length);
  if (dtype === 'bool') for (let i = 0; i < data.length; i++) res[i] = data[i] !== 0 ? 1 : 0;
  else res.set(data);
  return res;
}

export { kernels, pool };
export { BufferPool, MIN_POOLED_LENGTH } from './pool.js';
export { matmulPath, setMatmulPath, type MatmulPath } from './kernels/matmul-path.js';
