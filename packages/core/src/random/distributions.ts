import type { DType } from '../dtype.js';
import { allocHost } from '../dtype.js';
import type { Generator } from './generator.js';
import { DTypeError } from '../errors.js';

/**
 * PyTorch's CPU samplers (ATen's DistributionsHelper.h, TransformationHelper.h and
 * native/cpu/DistributionTemplates.h), drawing from a `Generator` in the same order and with the
 * same bits, each computed in the precision PyTorch computes it in, so the same seed and calls
 * give the same values. Each returns host values for a contiguous tensor in element order.
 */

/** Random bits of a uniform: a float's 24 (from random()) or a double's 53 (from random64()). */
export type Digits = 24 | 53;

/** Mantissa digits (std::numeric_limits<T>::digits) of a floating dtype; an error for others. */
export function floatDigits(op: string, dtype: DType): Digits {
  if (dtype === 'float32') return 24;
  if (dtype === 'float64') return 53;
  if (dtype === 'float16' || dtype === 'bfloat16')
    throw new DTypeError(
      `${op}: sampling ${dtype} directly is not supported; sample float32 and cast with .half() or .bfloat16()`,
    );
  throw new DTypeError(`${op}: expected a floating point dtype (float32 or float64), got ${dtype}`);
}

/** Rounds to the dtype's precision: float32 arithmetic is a double op rounded once. */
function rounder(digits: Digits): (v: number) => number {
  return digits === 24 ? Math.fround : (v) => v;
}

/** One uniform in [0, 1) with `digits` random bits: float from random(), double from random64(). */
function unit(gen: Generator, digits: Digits): number {
  return digits === 24 ? (gen._random() & 0xffffff) * 2 ** -24 : gen._random64Low(53) * 2 ** -53;
}

/**
 * uniform_(from, to): x * (to - from) + from, in the tensor's precision. PyTorch's Linux and
 * macOS builds compile that expression to one fused multiply-add (GCC and Clang contract it
 * where the CPU has FMA, as x86's AVX2 kernels and arm64 do), rounded once: x * range is exact
 * in a double (24 + 24 bits), so the sum rounds once to float32 here too (Windows builds, which
 * round the product first, can differ in the last bit).
 */
export function sampleUniform(gen: Generator, n: number, from: number, to: number, digits: Digits): Float64Array {
  const r = rounder(digits);
  const lo = r(from);
  const range = r(r(to) - lo);
  const out = allocHost('float64', n);
  for (let i = 0; i < n; i++) out[i] = r(unit(gen, digits) * range + lo);
  return out;
}

/**
 * One standard normal by Box-Muller from two double uniforms (normal_distribution<double>):
 * r cos(theta) now, r sin(theta) cached on the generator for the next call.
 */
function scalarNormal(gen: Generator): number {
  if (gen._nextNormal !== null) {
    const cached = gen._nextNormal;
    gen._nextNormal = null;
    return cached;
  }
  const u1 = unit(gen, 53);
  const u2 = unit(gen, 53);
  const radius = Math.sqrt(-2 * Math.log1p(-u2));
  const theta = 2 * Math.PI * u1;
  gen._nextNormal = radius * Math.sin(theta);
  return radius * Math.cos(theta);
}

/** normal_fill_16: pairs (j, j + 8) of 16 uniforms become 16 normals, in the dtype's precision. */
function normalFill16(data: Float64Array, at: number, mean: number, std: number, r: (v: number) => number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = r(1 - data[at + j]!); // [0, 1) -> (0, 1] for the log
    const u2 = data[at + j + 8]!;
    const radius = r(Math.sqrt(r(-2 * r(Math.log(u1)))));
    const theta = r(2 * Math.PI * u2);
    // n * std + mean is one fused multiply-add (_mm256_fmadd_ps in the AVX2 kernel)
    data[at + j] = r(r(radius * r(Math.cos(theta))) * std + mean);
    data[at + j + 8] = r(r(radius * r(Math.sin(theta))) * std + mean);
  }
}

/**
 * normal_(mean, std): below 16 elements (or into a tensor that is not contiguous) one scalar
 * Box-Muller draw each (double uniforms, the cached sample first); from 16 up PyTorch's
 * normal_fill: n uniforms of the dtype, turned into normals 16 at a time, and when n is no
 * multiple of 16 the last 16 drawn afresh and redone.
 */
export function sampleNormal(
  gen: Generator,
  n: number,
  mean: number,
  std: number,
  digits: Digits,
  contiguous = true,
): Float64Array {
  const r = rounder(digits);
  const out = allocHost('float64', n);
  if (n < 16 || !contiguous) {
    for (let i = 0; i < n; i++) out[i] = r(scalarNormal(gen) * std + mean);
    return out;
  }
  const m = r(mean);
  const s = r(std);
  for (let i = 0; i < n; i++) out[i] = unit(gen, digits);
  for (let i = 0; i + 16 <= n; i += 16) normalFill16(out, i, m, s, r);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) out[i] = unit(gen, digits);
    normalFill16(out, n - 16, m, s, r);
  }
  return out;
}

/**
 * random_(from, to) and randint: (bits % range) + from, with 32 bits unless the range reaches
 * 2^32 and the dtype is `wide` (PyTorch's int64, float and double take 64 bits then).
 */
export function sampleIntegers(gen: Generator, n: number, from: number, range: number, wide: boolean): Float64Array {
  const out = allocHost('float64', n);
  if (range < 2 ** 32 || !wide) {
    // A 32-bit draw mod 2^32 is the draw itself; any smaller range is exact in doubles.
    for (let i = 0; i < n; i++) out[i] = (gen._random() % range) + from;
  } else {
    const big = BigInt(range);
    for (let i = 0; i < n; i++) out[i] = Number(gen._random64() % big) + from;
  }
  return out;
}

/**
 * random_() with no bounds: [0, 2^31 - 1] for int32 (32 bits mod 2^31), [0, 2^24] for float32
 * (mod 2^24 + 1), [0, 2^53] for float64 (64 bits mod 2^53 + 1), 0 or 1 for bool (the low bit).
 */
export function sampleFullRange(gen: Generator, n: number, dtype: DType): Float64Array {
  const out = allocHost('float64', n);
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case 'int32':
        out[i] = gen._random() % 2 ** 31;
        break;
      case 'float32':
        out[i] = gen._random() % (2 ** 24 + 1);
        break;
      case 'float64':
        out[i] = Number(gen._random64() % (2n ** 53n + 1n));
        break;
      case 'bool':
        out[i] = gen._random() & 1;
        break;
      case 'uint8':
        out[i] = gen._random() % 2 ** 8;
        break;
      case 'int8':
        out[i] = gen._random() % 2 ** 7;
        break;
      case 'float16':
        out[i] = gen._random() % (2 ** 11 + 1);
        break;
      case 'bfloat16':
        out[i] = gen._random() % (2 ** 8 + 1);
        break;
    }
  }
  return out;
}

/**
 * A random permutation of 0..n-1 as PyTorch's CPU randperm makes it: for n below 2^32 / 20 a
 * swap of element i with one of i..n-1 chosen by random() % (n - i); beyond, the inside-out
 * Fisher-Yates shuffle with random64() % (i + 1).
 */
export function samplePermutation(gen: Generator, n: number): Int32Array {
  const out = allocHost('int32', n);
  if (n < Math.floor(0xffffffff / 20)) {
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = gen._random() % (n - i);
      const saved = out[i]!;
      out[i] = out[z + i]!;
      out[z + i] = saved;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const z = Number(gen._random64() % BigInt(i + 1));
    out[i] = out[z]!;
    out[z] = i;
  }
  return out;
}

/**
 * exponential_(lambd) (PyTorch's default CPU kernel): -log1p(-u) / lambd of a double uniform,
 * rounded to the dtype.
 */
export function sampleExponential(gen: Generator, n: number, dtype: DType, lambd = 1): Float64Array {
  const r = rounder(floatDigits('exponential_', dtype));
  const out = allocHost('float64', n);
  for (let i = 0; i < n; i++) out[i] = r((-1 / lambd) * Math.log1p(-unit(gen, 53)));
  return out;
}

/**
 * bernoulli_(p) with one probability: 1 where a double uniform (53 bits of random64) falls
 * below p. (A tensor of probabilities draws uniforms of its own dtype: `sampleUniform`.)
 */
export function sampleBernoulli(gen: Generator, n: number, p: number): Float64Array {
  const out = allocHost('float64', n);
  for (let i = 0; i < n; i++) out[i] = unit(gen, 53) < p ? 1 : 0;
  return out;
}
