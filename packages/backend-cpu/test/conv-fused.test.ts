import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor, TypedArray, View } from '@ag/core';
import { functional, numel, registerBackend, tensor, unregisterBackend } from '@ag/core';
import { cpu } from '../src/index.js';
import { setMatmulPath } from '../src/kernels/matmul-path.js';
import { lastProductStats } from '../src/kernels/wasm/gemm-runner.js';
import { indices, rng, view } from './views.js';

/**
 * The fused stride-1 convolution (kernels/conv.ts, wasm/conv-runner.ts) against a plain float64
 * loop over the definition, with the error bound of a float32 sum, and its gradients against
 * the same convolution computed in float64 (which core computes as columns times the weight).
 */

const k = cpu().kernels as Required<ReturnType<typeof cpu>['kernels']>;
const U = 2 ** -24;

beforeAll(() => {
  registerBackend(cpu());
});
afterAll(() => {
  setMatmulPath('auto');
  unregisterBackend('cpu');
});

interface Case {
  x: number[]; // [N, C, ...S]
  o: number;
  kernel: number[];
  padding: [number, number][];
  dilation: number[];
  bias: boolean;
}

function f32(rand: () => number, count: number): Float32Array<ArrayBuffer> {
  return Float32Array.from({ length: count }, () => rand() * 2 - 1);
}

/** y[n, o, p] = b[o] + sum over c, t of w[o, c, t] x[n, c, p + t * d - pad], zero outside x; and the bound. */
function reference(
  x: View<TypedArray>,
  w: View<TypedArray>,
  b: View<TypedArray> | null,
  c: Case,
): { want: Float64Array; tol: Float64Array; shape: number[] } {
  const [N, C] = c.x as [number, number];
  const S = c.x.slice(2);
  const out = S.map((s, i) => s + c.padding[i]![0] + c.padding[i]![1] - c.dilation[i]! * (c.kernel[i]! - 1));
  const shape = [N, c.o, ...out];
  const want = new Float64Array(numel(shape));
  const tol = new Float64Array(want.length);
  const read = (v: View<TypedArray>, idx: number[]): number =>
    v.storage[idx.reduce((s, q, d) => s + q * v.strides[d]!, v.offset)]!;
  const taps = indices(c.kernel);
  const terms = C * taps.length + 1;
  indices(shape).forEach(([n, o, ...p], flat) => {
    let s = b === null ? 0 : read(b, [o!]);
    let abs = Math.abs(s);
    for (let ch = 0; ch < C; ch++) {
      for (const t of taps) {
        const q = p.map((pi, i) => pi + t[i]! * c.dilation[i]! - c.padding[i]![0]);
        if (q.some((qi, i) => qi < 0 || qi >= S[i]!)) continue;
        const term = read(w, [o!, ch, ...t]) * read(x, [n!, ch, ...q]);
        s += term;
        abs += Math.abs(term);
      }
    }
    want[flat] = s;
    tol[flat] = (terms + 1) * U * abs + Number.MIN_VALUE;
  });
  return { want, tol, shape };
}

function check(c: Case, x: View<TypedArray>, seed: number, weight?: View<TypedArray>): void {
  const rand = rng(seed);
  const w = weight ?? view(f32(rand, c.o * c.x[1]! * numel(c.kernel)), [c.o, c.x[1]!, ...c.kernel]);
  const b = c.bias ? view(f32(rand, c.o), [c.o]) : null;
  const got = k.conv(x, w, b, c.padding, c.dilation, 'float32');
  expect(got).toBeInstanceOf(Float32Array);
  const { want, tol } = reference(x, w, b, c);
  expect(got!.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got![i]! - want[i]!) <= tol[i]!)) expect.fail(`output ${i}: got ${got![i]}, want ${want[i]}`);
  }
}

/** A case: padding as [before, after] of each dim in turn. */
const conv = (x: number[], o: number, kernel: number[], pad: number[], dilation: number[], bias: boolean): Case => ({
  x,
  o,
  kernel,
  padding: kernel.map((_, i) => [pad[2 * i]!, pad[2 * i + 1]!]),
  dilation,
  bias,
});

const CASES: Case[] = [
  conv([2, 3, 17], 5, [3], [1, 1], [1], true),
  conv([1, 2, 9], 3, [4], [1, 2], [2], false),
  conv([3, 4, 10, 13], 6, [3, 3], [1, 1, 1, 1], [1, 1], true),
  conv([2, 3, 8, 11], 9, [2, 3], [0, 1, 2, 0], [2, 1], true),
  conv([1, 1, 5, 5], 1, [5, 5], [0, 0, 0, 0], [1, 1], false),
  conv([2, 2, 4, 5, 6], 3, [3, 2, 3], [1, 1, 0, 1, 1, 1], [1, 1, 2], true),
];

describe('the fused convolution', () => {
  for (const path of ['wasm', 'wasm-threads'] as const) {
    it(`matches a float64 loop in 1 to 3 dims, with padding and dilation (${path})`, () => {
      setMatmulPath(path);
      CASES.forEach((c, i) => {
        check(c, view(f32(rng(i), numel(c.x)), c.x), 100 + i);
      });
    });
  }

  it('reads a strided input and splits a large product between threads', () => {
    setMatmulPath('wasm-threads');
    const c = conv([4, 16, 40, 40], 24, [3, 3], [1, 1, 1, 1], [1, 1], true);
    // The input stored as [N, H, W, C]: every spatial step is C floats apart.
    const [N, C, H, W] = c.x as [number, number, number, number];
    const x = view(f32(rng(7), N * C * H * W), c.x, [H * W * C, 1, W * C, C]);
    check(c, x, 8);
    expect(lastProductStats().threads).toBe(2);
  });

  it('reads a weight whose dims do not merge into a matrix', () => {
    setMatmulPath('wasm');
    const c = conv([2, 3, 6, 7], 4, [3, 2], [1, 1, 0, 1], [1, 1], true);
    // The weight stored as [O, kH, kW, C].
    const w = view(f32(rng(5), 4 * 3 * 6), [4, 3, 3, 2], [18, 1, 6, 3]);
    check(c, view(f32(rng(6), numel(c.x)), c.x), 9, w);
  });

  it('declines where the plain-JavaScript matmul path is selected', () => {
    setMatmulPath('js');
    const x = view(f32(rng(1), 2 * 3 * 5), [2, 3, 5]);
    const w = view(f32(rng(2), 4 * 3 * 3), [4, 3, 3]);
    expect(k.conv(x, w, null, [[1, 1]], [1], 'float32')).toBeUndefined();
    setMatmulPath('auto');
  });
});

describe('conv2d on the fused path', () => {
  const grads = (dtype: 'float32' | 'float64', xs: number[], ws: number[], bs: number[]): number[][] => {
    const x = tensor(xs, { dtype }).reshape([2, 3, 6, 7]).requiresGrad_();
    const w = tensor(ws, { dtype }).reshape([4, 3, 3, 3]).requiresGrad_();
    const b = tensor(bs, { dtype }).requiresGrad_();
    const y: Tensor = functional.conv2d(x, w, b, { padding: 1, dilation: [1, 2] });
    const r = tensor(
      Array.from({ length: y.numel() }, (_, i) => Math.sin(i)),
      { dtype },
    ).reshape(y.shape);
    y.mul(r).sum().backward();
    return [y, x.grad!, w.grad!, b.grad!].map((t) => Array.from(t.toArraySync() as never as number[]).flat(4));
  };

  it('has the values and gradients of the float64 convolution', () => {
    setMatmulPath('auto');
    const rand = rng(3);
    const xs = Array.from(f32(rand, 2 * 3 * 6 * 7));
    const ws = Array.from(f32(rand, 4 * 27));
    const bs = Array.from(f32(rand, 4));
    const got = grads('float32', xs, ws, bs);
    const want = grads('float64', xs, ws, bs);
    got.forEach((g, i) => {
      expect(g.length).toBe(want[i]!.length);
      g.forEach((v, j) => {
        expect(v).toBeCloseTo(want[i]![j]!, 4);
      });
    });
  });
});
