import { tensor } from '@ag/core';

/** The matrix the indexing case files read from. */
export const m = [
  [1, 2, 3],
  [4, 5, 6],
];

/** An int32 index tensor (PyTorch's long indices). */
export const idx = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });
