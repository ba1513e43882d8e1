import { isFloating } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { arange } from './creation.js';
import { add, cos, div, eq, floor, le, logicalAnd, lt, mul, pow, sin, sub, where } from './elementwise.js';
import { sum } from './reduce.js';
import { round, digamma } from './unary-math.js';
import { unsqueeze } from './view.js';
import { defineOp } from './op-node.js';
import { ValueError } from '../errors.js';

/**
 * torch.polygamma(n, x): the n-th derivative of digamma (n = 0 is digamma itself; n = 1 the
 * trigamma function, digamma's gradient). For n >= 1 it is composed of primitives, on every
 * backend:
 *
 *   ψ⁽ⁿ⁾(x) = (-1)ⁿ⁺¹ n! ζ(n + 1, x),  ζ(s, u) = Σ_{k<K} (u + k)^-s + (the Euler–Maclaurin tail at u + K)
 *
 * for x >= 0, and for x < 0 the reflection ψ⁽ⁿ⁾(x) = (-1)ⁿ ψ⁽ⁿ⁾(1 - x) - πⁿ⁺¹ cot⁽ⁿ⁾(πx), cot's
 * n-th derivative being a polynomial in cot. Poles (0, -1, -2, ...) give +Infinity for odd n
 * and -Infinity for even n, as PyTorch. PolygammaBackward0: the gradient is polygamma(n + 1, x).
 */
export function polygamma(n: number, x: Tensor): Tensor {
  if (!Number.isInteger(n) || n < 0)
    throw new ValueError(`polygamma: expected n to be a non-negative integer, got ${n}`);
  const f = isFloating(x.dtype) ? x : x.to('float32');
  return defineOp(
    'PolygammaBackward0',
    [f],
    () => (n === 0 ? digamma(f) : polygammaValue(n, f)),
    [f],
    (g, [s]) => [mul(g, polygamma(n + 1, s))],
    null,
  );
}

// B_2k / (2k)! for k = 1..8, the Euler–Maclaurin coefficients.
const BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510];
const BERNOULLI_TERMS = BERNOULLI.map((b, i) => b / factorial(2 * i + 2));

function factorial(k: number): number {
  let r = 1;
  for (let i = 2; i <= k; i++) r *= i;
  return r;
}

/** ζ(s, u), the Hurwitz zeta function, for u >= 0 and s = n + 1 >= 2. */
function hurwitz(s: number, u: Tensor): Tensor {
  // K terms directly, so the tail starts at z >= 10 + n, where 8 terms of it reach float64's precision.
  const K = 10 + s;
  const ks = arange(K, undefined, 1, { dtype: u.dtype, device: u.device });
  const head = sum(pow(add(unsqueeze(u, -1), ks), -s), -1);
  const z = add(u, K);
  // z^(1-s)/(s-1) + z^-s/2 + Σ_j B_2j/(2j)! s(s+1)...(s+2j-2) z^(-s-2j+1), the sum by Horner in 1/z².
  const w = div(1, mul(z, z));
  let poly: Tensor | number = 0;
  for (let j = BERNOULLI_TERMS.length; j >= 1; j--) {
    let rising = 1;
    for (let i = 0; i < 2 * j - 1; i++) rising *= s + i;
    poly = add(mul(w, poly), BERNOULLI_TERMS[j - 1]! * rising);
  }
  const tail = add(add(div(pow(z, 1 - s), s - 1), mul(pow(z, -s), 0.5)), mul(pow(z, -s - 1), poly));
  return add(head, tail);
}

/** The coefficients (by degree) of the polynomial P with cot⁽ⁿ⁾(z) = P(cot z): P₀ = c, Pₖ₊₁ = -(1 + c²) Pₖ'. */
function cotDerivative(n: number): number[] {
  let p = [0, 1];
  for (let k = 0; k < n; k++) {
    const d = p.slice(1).map((c, i) => c * (i + 1));
    p = Array.from({ length: d.length + 2 }, (_, i) => -((d[i] ?? 0) + (d[i - 2] ?? 0)));
  }
  return p;
}

function polygammaValue(n: number, x: Tensor): Tensor {
  const scale = (n % 2 === 1 ? 1 : -1) * factorial(n);
  const reflect = lt(x, 0);
  const u = where(reflect, sub(1, x), x);
  const direct = mul(hurwitz(n + 1, u), scale);
  // cot(pi x) from x reduced to [-0.5, 0.5] (cot has period 1), then cot's n-th derivative.
  const r = mul(sub(x, round(x)), Math.PI);
  const c = div(cos(r), sin(r));
  const coefs = cotDerivative(n);
  let p: Tensor | number = 0;
  for (let i = coefs.length - 1; i >= 0; i--) p = add(mul(p, c), coefs[i]!);
  const reflected = sub(mul(direct, n % 2 === 0 ? 1 : -1), mul(p, Math.PI ** (n + 1)));
  const pole = logicalAnd(le(x, 0), eq(x, floor(x)));
  return where(pole, scale > 0 ? Infinity : -Infinity, where(reflect, reflected, direct));
}
