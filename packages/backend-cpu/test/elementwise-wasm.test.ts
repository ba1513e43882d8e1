import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ELEMENTWISE_GENERATED_PATH, compileElementwise, renderElementwise } from '../scripts/compile-wasm.js';
import { WASM_ELEMENTWISE_FROM } from '../src/kernels/wasm/elementwise.js';
import { k } from './kernel-helpers.js';
import { rng, view } from './views.js';

/**
 * Long float32 rows take elementwise.wat's SIMD loops (chunked copies in and out), shorter ones
 * the JavaScript loops: both sides of the threshold and of a chunk's end, against float64 loops
 * rounded to float32 (exact IEEE float32 arithmetic), special values included.
 */

const CHUNK = 65536;
const SIZES = [WASM_ELEMENTWISE_FROM - 1, WASM_ELEMENTWISE_FROM, CHUNK + 37, 2 * CHUNK + 5];
const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 3.4e38, -3.4e38, 1, -1];

/** Random float32 values, the special ones sprinkled through (each lane position and the tail). */
function values(seed: number, n: number): Float32Array<ArrayBuffer> {
  const rand = rng(seed);
  const x = Float32Array.from({ length: n }, () => (rand() * 2 - 1) * 100);
  for (let i = 0; i < n; i += 97) x[i] = SPECIAL[(i / 97) % SPECIAL.length]!;
  x[n - 1] = SPECIAL[seed % SPECIAL.length]!;
  return x;
}

/** Bitwise-equal apart from NaN's payload, -0 told from +0. */
function expectSame(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i]!, want[i]!];
    if (!(Number.isNaN(g) && Number.isNaN(w)) && !Object.is(g, w)) expect({ i, got: g }).toEqual({ i, got: w });
  }
}

const ops = {
  add: (x: number, y: number) => x + y,
  sub: (x: number, y: number) => x - y,
  mul: (x: number, y: number) => x * y,
  div: (x: number, y: number) => x / y,
} as const;

describe('elementwise-wasm.ts', () => {
  it('is elementwise.wat as compiled now (else run `pnpm --filter @ag/backend-cpu build:wasm`)', async () => {
    expect(readFileSync(ELEMENTWISE_GENERATED_PATH, 'utf8')).toBe(renderElementwise(await compileElementwise()));
  });
});

describe('float32 rows either side of the WebAssembly threshold', () => {
  describe.each(SIZES.map((n) => [n]))('%i elements', (n) => {
    const a = values(1, n + 3);
    const b = values(2, n + 3);
    it.each(Object.keys(ops).map((op) => [op as keyof typeof ops]))('%s, at offsets 0 and 3', (op) => {
      for (const offset of [0, 3]) {
        const got = k.binary(op, view(a, [n], [1], offset), view(b, [n], [1], offset), 'float32');
        const want = Float32Array.from({ length: n }, (_, i) => ops[op](a[offset + i]!, b[offset + i]!));
        expectSame(got, want);
      }
    });

    it.each(Object.keys(ops).map((op) => [op as keyof typeof ops]))('%s with one operand a broadcast value', (op) => {
      for (const s of [0.3, -0, NaN, Infinity, 1e-45]) {
        const one = Float32Array.of(s);
        const right = k.binary(op, view(a, [n], [1], 3), view(one, [n], [0]), 'float32');
        expectSame(
          right,
          Float32Array.from({ length: n }, (_, i) => ops[op](a[3 + i]!, one[0]!)),
        );
        const left = k.binary(op, view(one, [n], [0]), view(b, [n], [1], 1), 'float32');
        expectSame(
          left,
          Float32Array.from({ length: n }, (_, i) => ops[op](one[0]!, b[1 + i]!)),
        );
      }
    });

    it('relu keeps NaN and turns negatives and -0 into +0', () => {
      const got = k.unary('relu', view(a, [n], [1], 3), 'float32');
      const want = Array.from({ length: n }, (_, i) => {
        const v = a[3 + i]!;
        return Number.isNaN(v) ? NaN : v > 0 ? v : 0;
      });
      expectSame(got, want);
    });

    it('sum is the float64 sum rounded to float32', () => {
      const x = values(3, n).map((v) => (Number.isFinite(v) ? v : 0.5));
      let want = 0;
      let scale = 0;
      for (const v of x) {
        want += v;
        scale += Math.abs(v);
      }
      const got = k.reduce('sum', view(x, [n]), [0], 'float32')[0]!;
      // Float64 accumulators in any order differ by far less than float32's rounding of the sum.
      expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -23 + scale * 2 ** -45);
    });
  });

  it('long rows of a strided layout (each row its own call) match too', () => {
    const [rows, cols, width] = [3, WASM_ELEMENTWISE_FROM + 11, WASM_ELEMENTWISE_FROM + 20];
    const a = values(4, rows * width);
    const b = values(5, rows * width);
    const [va, vb] = [view(a, [rows, cols], [width, 1], 2), view(b, [rows, cols], [width, 1], 5)];
    const got = k.binary('mul', va, vb, 'float32');
    const want: number[] = [];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) want.push(a[2 + r * width + c]! * b[5 + r * width + c]!);
    expectSame(got, Float32Array.from(want));
  });
});

describe('without WebAssembly', () => {
  it('the same rows run the JavaScript loops', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    try {
      const { kernels } = await import('../src/kernels/index.js');
      const wasm = await import('../src/kernels/wasm/elementwise.js');
      const n = WASM_ELEMENTWISE_FROM * 2 + 3;
      const [a, b] = [values(6, n), values(7, n)];
      // The module declines, so the values below come from the JavaScript loops.
      expect(wasm.wasmBinary('sub', new Float32Array(n), a, b, n)).toBe(false);
      expect(wasm.wasmRelu(new Float32Array(n), a, n)).toBe(false);
      expectSame(
        kernels.binary('sub', view(a, [n]), view(b, [n]), 'float32'),
        Float32Array.from({ length: n }, (_, i) => a[i]! - b[i]!),
      );
      const relu = kernels.unary('relu', view(a, [n]), 'float32');
      expectSame(
        relu,
        Float32Array.from(a, (v) => (Number.isNaN(v) ? NaN : v > 0 ? v : 0)),
      );
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
