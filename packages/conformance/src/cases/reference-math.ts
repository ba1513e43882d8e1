/**
 * Reference functions for expected values, independent of ag's kernels: erf by its Maclaurin
 * series (exact to ~1e-13 for |x| <= 3, checked against tabulated values in the cases).
 */
export function erfSeries(x: number): number {
  if (Math.abs(x) > 3) throw new Error('erfSeries: only for |x| <= 3');
  let term = x; // (-1)^n x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** The standard normal CDF and density. */
export const normalCdf = (x: number): number => 0.5 * (1 + erfSeries(x / Math.SQRT2));
export const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

export const sigmoidRef = (x: number): number => 1 / (1 + Math.exp(-x));
export const softplusRef = (x: number): number => Math.log1p(Math.exp(x));
