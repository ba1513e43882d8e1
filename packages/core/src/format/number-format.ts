/**
 * Python's float formatting, `'{:.Nf}'` and `'{:.Ne}'`, exactly. It differs from JavaScript's
 * toFixed/toExponential in three ways that show in tensor printing: Python rounds exact ties
 * half-to-even (JS rounds them up), its exponents have at least two digits (`1.0000e+08`), and
 * it keeps the sign of negative zero and of negatives that round to zero (`-0.0000`).
 */
import { divPow10HalfEven, exactDecimal } from './exact-decimal.js';

/** Python spells the non-finite floats this way in every format. */
function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** Python's `'{:.<digits>f}'.format(x)`. */
export function formatFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const { digits: d, scale } = exactDecimal(x);
  const rounded = divPow10HalfEven(d, scale - digits)
    .toString()
    .padStart(digits + 1, '0');
  const point = rounded.length - digits;
  const body = digits > 0 ? `${rounded.slice(0, point)}.${rounded.slice(point)}` : rounded;
  return signOf(x) + body;
}

/** Python's `'{:.<digits>e}'.format(x)`. */
export function formatExp(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const { digits: d, scale } = exactDecimal(x);
  let significand: string;
  let exponent: number;
  if (d === 0n) {
    significand = '0'.repeat(digits + 1);
    exponent = 0;
  } else {
    const all = d.toString();
    // The leading digit's power of ten.
    exponent = all.length - 1 - scale;
    significand = divPow10HalfEven(d, all.length - (digits + 1)).toString();
    // Rounding up can carry into a new digit (9.99995 -> 10.0000): the result is then exactly
    // a power of ten, so dropping a trailing zero and bumping the exponent is exact.
    if (significand.length > digits + 1) {
      significand = significand.slice(0, digits + 1);
      exponent++;
    }
  }
  const mantissa = digits > 0 ? `${significand.slice(0, 1)}.${significand.slice(1)}` : significand;
  const expSign = exponent < 0 ? '-' : '+';
  return `${signOf(x)}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
