/**
 * Python's `repr` of the plain values a module's printed form shows (`eps=1e-05`, `bias=True`,
 * `kernel_size=(3, 3)`, `approximate='none'`): what `extra_repr` writes in PyTorch.
 */

/**
 * A float as Python's `repr` writes it: the shortest digits that round-trip (JavaScript's too),
 * in positional notation for exponents -4 to 15 (with `.0` on a whole number), else in
 * scientific notation with at least two exponent digits (`1e-05`, `1e+16`).
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const sign = x < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (e < -4 || e >= 16) {
    const m = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${whole}.${frac === '' ? '0' : frac}`;
}

/** `True` / `False`. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** A tuple of ints: `(3, 3)`, `(10,)`. */
export function pyTuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

/** An int, or a tuple when given as a list: how PyTorch prints an argument it keeps as given. */
export function pyIntOrTuple(x: number | readonly number[]): string {
  return typeof x === 'number' ? String(x) : pyTuple(x);
}

/** A string in Python's quotes: `'none'`. */
export function pyStr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
