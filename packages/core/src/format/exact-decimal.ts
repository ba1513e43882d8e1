/**
 * The exact decimal value of a double. Every finite double is m * 2^e for integers m and e, so
 * it has a finite decimal expansion: m * 2^e when e >= 0, and m * 5^-e / 10^-e when e < 0.
 * Python rounds from this exact value (half-to-even on exact ties), so the formatting here
 * starts from it rather than from JavaScript's toFixed, which rounds ties up.
 */
export interface ExactDecimal {
  /** The absolute value's digits as an integer: |x| = digits / 10^scale. */
  digits: bigint;
  scale: number;
}

const view = new DataView(new ArrayBuffer(8));

/** |x| as digits / 10^scale, exactly. x must be finite. */
export function exactDecimal(x: number): ExactDecimal {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) {
    exp = -1074; // subnormal: no implicit leading bit
  } else {
    mantissa |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  if (mantissa === 0n) return { digits: 0n, scale: 0 };
  // Drop trailing binary zeros so the scale, and the BigInts below, stay as small as they can.
  while (exp < 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exp++;
  }
  if (exp >= 0) return { digits: mantissa << BigInt(exp), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-exp), scale: -exp };
}

/** n / 10^k rounded half-to-even, as Python's float formatting rounds. */
export function divPow10HalfEven(n: bigint, k: number): bigint {
  if (k <= 0) return n * 10n ** BigInt(-k);
  const divisor = 10n ** BigInt(k);
  const q = n / divisor;
  const twiceRemainder = (n % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && (q & 1n) === 1n)) return q + 1n;
  return q;
}
