import { expect } from 'vitest';
import { cpu } from '../src/index.js';

/** Shared by the kernels-*.test.ts files: the backend under test, its kernels, int32 bounds, a tolerance check. */
export const backend = cpu();
export const k = backend.kernels;
export const I32_MIN = -2147483648;
export const I32_MAX = 2147483647;

export function close(got: ArrayLike<number>, want: readonly number[], tol = 1e-12): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i]!)));
}
