import { erf, erfc } from './erf.js';

/**
 * lgamma, digamma and erfinv in double precision (JavaScript's Math has none of them), with
 * PyTorch's values at poles and domain edges.
 */

/** sin(pi x) with x first reduced to [-1, 1] (exact), so that large arguments keep their digits. */
function sinPi(x: number): number {
  return Math.sin(Math.PI * (x - 2 * Math.round(x / 2)));
}

// Lanczos' approximation, g = 7, n = 9 (the widely published coefficients): about 1e-15 relative.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;

/** log|Γ(x)|: +Infinity at the poles (0, -1, -2, ...) and at ±Infinity, as torch.lgamma. */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Infinity;
  if (x <= 0 && x === Math.floor(x)) return Infinity;
  // Reflection: Γ(x) Γ(1 - x) = pi / sin(pi x).
  if (x < 0.5) return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * ψ(x) = Γ'(x) / Γ(x): -Infinity at +0 and +Infinity at -0 (the sides of the pole), NaN at the
 * negative integers, as torch.digamma. Reflection below 0, the recurrence ψ(x) = ψ(x + 1) - 1/x up
 * to x >= 10, then the asymptotic series ln x - 1/(2x) - Σ B_2k / (2k x^2k).
 */
export function digamma(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x === -Infinity) return NaN;
  if (x < 0) {
    if (x === Math.floor(x)) return NaN;
    // ψ(1 - x) - ψ(x) = pi cot(pi x), with the argument reduced to (-0.5, 0.5] (cot has period 1).
    const r = x - Math.round(x);
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * r);
  }
  let result = 0;
  let v = x;
  for (; v < 10; v++) result -= 1 / v;
  if (v === Infinity) return Infinity;
  const y = 1 / (v * v);
  const series =
    y * (1 / 12 - y * (1 / 120 - y * (1 / 252 - y * (1 / 240 - y * (1 / 132 - y * (691 / 32760 - y * (1 / 12)))))));
  return result + Math.log(v) - 0.5 / v - series;
}

/**
 * The inverse of erf on [-1, 1] (±Infinity at ±1, NaN beyond): an approximation refined by
 * Newton steps on erf (or on log erfc away from 0, where 1 - |y| is exact and erf would cancel).
 */
export function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1 || y === -1) return y * Infinity;
  if (y === 0) return y;
  // Winitzki's closed-form guess (relative error below 2e-3), then Newton's quadratic steps.
  const l = Math.log((1 - y) * (1 + y));
  const h = 2 / (Math.PI * 0.147) + l / 2;
  let x = Math.sign(y) * Math.sqrt(Math.sqrt(h * h - l / 0.147) - h);
  // Newton on erf(x) = y for |y| < 0.5; beyond, on log erfc(|x|) = log(1 - |y|), which is nearly
  // quadratic in x, so the steps stay accurate far into the tail.
  const a = Math.abs(y);
  const t = 1 - a;
  for (let k = 0; k < 10; k++) {
    const slope = (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x);
    let step: number;
    if (a < 0.5) step = (erf(x) - y) / slope;
    else {
      const c = erfc(Math.abs(x));
      step = (Math.sign(y) * (Math.log(t) - Math.log(c)) * c) / slope;
    }
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return x;
}
