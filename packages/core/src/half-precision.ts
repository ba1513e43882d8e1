/**
 * float16 and bfloat16 to and from their bits, as PyTorch's c10::Half and c10::BFloat16 convert:
 * a value is first a float32 (PyTorch's constructors take a float), then rounded to nearest,
 * ties to even. NaN becomes the quiet NaN c10 writes (float16 keeps the sign, bfloat16 0x7fc0).
 */

// One scratch float32 seen as its bits: Math.fround alone cannot show the bits.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function float32Bits(v: number): number {
  f32[0] = v;
  return u32[0]!;
}

/** `value`, rounded to float32 and then to float16, as its 16 bits. */
export function float16Bits(value: number): number {
  const x = float32Bits(value);
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return mant !== 0 ? sign | 0x7e00 : sign | 0x7c00;
  const e = exp - 112; // float16's biased exponent (bias 15 against float32's 127)
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // A subnormal float16: the value in units of 2^-24, rounded. Below half the smallest
    // subnormal it is zero (e < -10); a carry out of the subnormals makes the smallest normal.
    if (e < -10) return sign;
    const full = mant | 0x800000;
    const shift = 14 - e;
    return sign | roundShift(full, shift);
  }
  // A carry out of the mantissa steps the exponent, up to infinity (0x7c00): the encoding's order.
  return sign | roundShift((e << 23) | mant, 13);
}

/** `bits >> shift` rounded to nearest, ties to even. */
function roundShift(bits: number, shift: number): number {
  const kept = bits >>> shift;
  const rest = bits & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  return rest > halfway || (rest === halfway && (kept & 1) === 1) ? kept + 1 : kept;
}

/** The value of float16 `bits`. */
export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const e = (bits >>> 10) & 0x1f;
  const m = bits & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m === 0 ? sign * Infinity : NaN;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** `value`, rounded to float32 and then to bfloat16 (float32's upper half), as its 16 bits. */
export function bfloat16Bits(value: number): number {
  const x = float32Bits(value);
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) return 0x7fc0;
  // Adding 0x7fff plus the kept lowest bit rounds to nearest, ties to even, carries included.
  return (x + 0x7fff + ((x >>> 16) & 1)) >>> 16;
}

/** The value of bfloat16 `bits`. */
export function bfloat16Value(bits: number): number {
  u32[0] = bits << 16;
  return f32[0]!;
}
