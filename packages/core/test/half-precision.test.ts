import { describe, expect, it } from 'vitest';
import { bfloat16Bits, bfloat16Value, float16Bits, float16Value } from '../src/half-precision.js';

// Expected bits from IEEE 754 binary16 (1 sign, 5 exponent bits biased by 15, 10 mantissa bits)
// and bfloat16 (float32's upper 16 bits), rounding to nearest with ties to even; values in
// closed form. NaN bits are those c10::Half and c10::BFloat16 write.
describe('float16', () => {
  it('rounds to nearest, ties to even', () => {
    expect(float16Bits(1 / 3)).toBe(0x3555);
    expect(float16Value(0x3555)).toBe(0.333251953125); // 1365 / 4096
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00); // halfway, to the even neighbour 1
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // halfway, to the even neighbour 1 + 2^-9
    expect(float16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // past halfway
  });

  it('overflows to infinity past the largest finite value', () => {
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(65519)).toBe(0x7bff); // below 65520, halfway to 2^16
    expect(float16Bits(65520)).toBe(0x7c00); // the tie rounds to the even neighbour, infinity
    expect(float16Bits(1e6)).toBe(0x7c00);
    expect(float16Bits(-Infinity)).toBe(0xfc00);
    expect(float16Value(0x7c00)).toBe(Infinity);
  });

  it('has subnormals down to 2^-24, then zero', () => {
    expect(float16Bits(2 ** -24)).toBe(0x0001);
    expect(float16Value(0x0001)).toBe(2 ** -24);
    expect(float16Bits(2 ** -25)).toBe(0x0000); // halfway between 0 and 2^-24: to even, 0
    expect(float16Bits(1.5 * 2 ** -25)).toBe(0x0001);
    expect(float16Bits(3 * 2 ** -25)).toBe(0x0002); // halfway between 1 and 2 units: to 2
    expect(float16Bits(2 ** -14)).toBe(0x0400); // the smallest normal
    expect(float16Bits(2 ** -14 - 2 ** -25)).toBe(0x0400); // a carry out of the subnormals
    expect(float16Value(0x03ff)).toBe(1023 * 2 ** -24);
    expect(float16Bits(1e-10)).toBe(0);
    expect(float16Bits(-0)).toBe(0x8000);
    expect(Object.is(float16Value(0x8000), -0)).toBe(true);
  });

  it('keeps NaN a NaN', () => {
    expect(float16Bits(NaN)).toBe(0x7e00);
    expect(float16Value(0x7e00)).toBeNaN();
    expect(float16Value(0x7c01)).toBeNaN();
  });

  it('rounds through float32 first, as c10::Half(float) does', () => {
    // 1 + 2^-11 + 2^-40 is past halfway in float64, but float32 rounds it to the tie 1 + 2^-11.
    expect(float16Bits(1 + 2 ** -11 + 2 ** -40)).toBe(0x3c00);
  });
});

describe('bfloat16', () => {
  it('rounds to nearest, ties to even', () => {
    expect(bfloat16Bits(1 / 3)).toBe(0x3eab);
    expect(bfloat16Value(0x3eab)).toBe(0.333984375); // 171 / 512
    expect(bfloat16Bits(1)).toBe(0x3f80);
    expect(bfloat16Bits(1 + 2 ** -8)).toBe(0x3f80);
    expect(bfloat16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(bfloat16Bits(Math.PI)).toBe(0x4049);
    expect(bfloat16Value(0x4049)).toBe(3.140625);
  });

  it('has float32 range: overflow, subnormals, zeros, NaN', () => {
    expect(bfloat16Bits(3.4028234663852886e38)).toBe(0x7f80); // float32's max rounds up to infinity
    expect(bfloat16Bits(-Infinity)).toBe(0xff80);
    expect(bfloat16Bits(2 ** -133)).toBe(0x0001); // the smallest bfloat16 subnormal
    expect(bfloat16Value(0x0001)).toBe(2 ** -133);
    expect(bfloat16Bits(-0)).toBe(0x8000);
    expect(bfloat16Bits(NaN)).toBe(0x7fc0);
    expect(bfloat16Value(0x7fc0)).toBeNaN();
  });
});
