import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { GEMM_WASM_PLAIN, GEMM_WASM_PLAIN_RELAXED } from '../src/kernels/wasm/gemm-wasm.js';
import { relaxedSource } from '../scripts/compile-wasm.js';
import { rng, view } from './views.js';

/**
 * The relaxed-SIMD variant of gemm.wat (f32x4.relaxed_madd in the micro-kernel). Node 20 validates
 * it only with V8's --experimental-wasm-relaxed-simd, which this file sets before the backend
 * compiles its module, so the products below run on it (the flag is process-wide: a test file
 * sharing the process may run on either module, and both are checked to the same bound); each
 * output is checked against a float64 sum with the float32 error bound.
 */

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const bytes = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
const U = 2 ** -24;

describe('the relaxed-SIMD gemm', () => {
  it('differs from the plain module only in the micro-kernel', () => {
    const line = '(local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))';
    expect(() => relaxedSource(line)).toThrow(/expected 8/);
    expect(bytes(GEMM_WASM_PLAIN_RELAXED).length).toBeLessThan(bytes(GEMM_WASM_PLAIN).length);
  });

  it('is the module the backend runs where the host validates it, and matches float64', async () => {
    const { cpu } = await import('../src/index.js');
    const { relaxedSimd } = await import('../src/kernels/wasm/gemm-module.js');
    expect(relaxedSimd()).toBe(true);
    const { setMatmulPath } = await import('../src/kernels/matmul-path.js');
    const k = cpu().kernels;
    const rand = rng(21);
    for (const path of ['wasm', 'wasm-threads'] as const) {
      setMatmulPath(path);
      for (const [m, kk, n] of [
        [7, 300, 13],
        [129, 257, 65],
        [260, 260, 260],
      ] as const) {
        const a = view(
          Float32Array.from({ length: m * kk }, () => rand() * 2 - 1),
          [m, kk],
        );
        const b = view(
          Float32Array.from({ length: kk * n }, () => rand() * 2 - 1),
          [kk, n],
        );
        expectProduct(k.matmul(a, b, 'float32'), a, b, m, kk, n);
      }
    }
    setMatmulPath('auto');
  });
});

function expectProduct(
  got: TypedArray,
  a: View<TypedArray>,
  b: View<TypedArray>,
  m: number,
  kk: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let abs = 0;
      for (let p = 0; p < kk; p++) {
        const t = a.storage[i * kk + p]! * b.storage[p * n + j]!;
        s += t;
        abs += Math.abs(t);
      }
      const err = Math.abs(got[i * n + j]! - s);
      if (!(err <= (kk + 1) * U * abs)) expect.fail(`(${i}, ${j}): got ${got[i * n + j]}, want ${s}`);
    }
  }
}
