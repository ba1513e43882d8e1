/**
 * WGSL helpers the op tables call: C's pow, fmod and log (with their NaN, zero and infinity
 * cases, which WGSL's built-ins leave undefined), Python's remainder, integer power, and the
 * functions WGSL lacks or computes with too little precision near zero (expm1, log1p, asinh, erf),
 * and the special functions (erfc, erfinv, lgamma, digamma).
 */
export const MATH = /* wgsl */ `
// sin and cos as polynomials (Cephes' sinf/cosf) after an exact quadrant reduction: Vulkan
// lets the built-ins be off by 2^-11 (SwiftShader is, near pi/2), far beyond f32's precision.
fn sinPoly(r: f32) -> f32 {
  let z = r * r;
  return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
}
fn cosPoly(r: f32) -> f32 {
  let z = r * r;
  return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
}
// x - j pi/2 with pi/2 split in three floats (Cody and Waite), and j's quadrant.
fn quadrant(x: f32) -> vec2f {
  let j = round(x * 0.636619772);
  let r = ((x - j * 1.5703125) - j * 4.8375129699707031e-4) - j * 7.5497899548918822e-8;
  return vec2f(r, f32(i32(j - 4.0 * floor(j * 0.25))));
}
fn sinF(x: f32) -> f32 {
  let t = quadrant(x);
  let q = i32(t.y);
  let v = select(sinPoly(t.x), cosPoly(t.x), (q & 1) == 1);
  return select(v, -v, q >= 2);
}
fn cosF(x: f32) -> f32 {
  let t = quadrant(x);
  let q = i32(t.y);
  let v = select(cosPoly(t.x), sinPoly(t.x), (q & 1) == 1);
  return select(v, -v, q == 1 || q == 2);
}
fn logGuard(x: f32, v: f32) -> f32 {
  if (isNan(x) || (isInf(x) && x > 0.0)) { return x; }
  if (x < 0.0) { return nanF(); }
  if (x == 0.0) { return -infF(); }
  return v;
}
fn logF(x: f32) -> f32 { return logGuard(x, log(x)); }
fn expm1F(x: f32) -> f32 {
  if (abs(x) < 1e-3) { return x * (1.0 + x * (0.5 + x / 6.0)); }
  return exp(x) - 1.0;
}
// log(1 + x) without losing x's digits to the rounding of 1 + x.
fn log1pF(x: f32) -> f32 {
  if (isNan(x) || (isInf(x) && x > 0.0)) { return x; }
  if (x < -1.0) { return nanF(); }
  if (x == -1.0) { return -infF(); }
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return log(u) * x / (u - 1.0);
}
fn asinhF(x: f32) -> f32 {
  let a = abs(x);
  if (isNan(x) || isInf(x)) { return x; }
  let r = select(log1pF(a + a * a / (1.0 + sqrt(1.0 + a * a))), log(a) + 0.69314718056, a > 1e18);
  return select(r, -r, x < 0.0);
}
// Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7.
fn erfF(x: f32) -> f32 {
  if (isNan(x)) { return x; }
  let a = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let p = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  let r = 1.0 - p * exp(-a * a);
  return select(r, -r, x < 0.0);
}
// erfc by Numerical Recipes' Chebyshev fit (erfcc): relative error below 1.2e-7 for every x, where
// 1 - erf(x) would lose everything past x ~ 4.
fn erfcF(x: f32) -> f32 {
  if (isNan(x)) { return x; }
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.5 * z);
  let p = 0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)));
  let r = t * exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * p)))));
  return select(r, 2.0 - r, x < 0.0);
}
// erfinv by Giles' single-precision polynomials in w = -log(1 - x^2) ("Approximating the erfinv
// function", 2010): a few ulp.
fn erfinvF(x: f32) -> f32 {
  if (isNan(x) || abs(x) > 1.0) { return nanF(); }
  if (abs(x) == 1.0) { return x * infF(); }
  var w = -log((1.0 - x) * (1.0 + x));
  var p: f32;
  if (w < 5.0) {
    w = w - 2.5;
    p = ((((2.81022636e-8 * w + 3.43273939e-7) * w - 3.5233877e-6) * w - 4.39150654e-6) * w + 2.1858087e-4) * w;
    p = (((p - 1.25372503e-3) * w - 4.17768164e-3) * w + 0.246640727) * w + 1.50140941;
  } else {
    w = sqrt(w) - 3.0;
    p = ((((-2.00214257e-4 * w + 1.00950558e-4) * w + 1.34934322e-3) * w - 3.67342844e-3) * w + 5.73950773e-3) * w;
    p = (((p - 7.6224613e-3) * w + 9.43887047e-3) * w + 1.00167406) * w + 2.83297682;
  }
  return p * x;
}
// log|Gamma(x)| by Lanczos' series as in Numerical Recipes' gammln (g = 5), reflected below 0.5
// (log(pi / |sin(pi x)|) - lgamma(1 - x), the sine's argument reduced exactly); poles give +inf.
fn lgammaF(x: f32) -> f32 {
  if (isNan(x)) { return x; }
  if (isInf(x) || (x <= 0.0 && floor(x) == x)) { return infF(); }
  var v = x;
  var reflected = 0.0;
  if (x < 0.5) {
    let r = x - 2.0 * round(0.5 * x);
    reflected = log(3.14159265 / abs(sinF(3.14159265 * r)));
    v = 1.0 - x;
  }
  let t = v + 5.5;
  var ser = 1.000000000190015 + 76.18009172947146 / (v + 1.0) - 86.50532032941677 / (v + 2.0);
  ser = ser + 24.01409824083091 / (v + 3.0) - 1.231739572450155 / (v + 4.0);
  ser = ser + 1.208650973866179e-3 / (v + 5.0) - 5.395239384953e-6 / (v + 6.0);
  let l = (v + 0.5) * log(t) - t + log(2.5066282746310005 * ser / v);
  return select(l, reflected - l, x < 0.5);
}
// digamma: reflection below 0 (psi(1 - x) - pi cot(pi x)), the recurrence up to 6, then the
// asymptotic series; -inf at +0, +inf at -0, NaN at the negative integers, as PyTorch.
fn digammaF(x: f32) -> f32 {
  if (isNan(x)) { return x; }
  if (x == 0.0) { return select(-infF(), infF(), bitcast<u32>(x) != 0u); }
  if (isInf(x)) { return select(nanF(), x, x > 0.0); }
  var v = x;
  var result = 0.0;
  if (x < 0.0) {
    if (floor(x) == x) { return nanF(); }
    let r = 3.14159265 * (x - round(x));
    result = -3.14159265 * cosF(r) / sinF(r);
    v = 1.0 - x;
  }
  loop {
    if (v >= 6.0) { break; }
    result = result - 1.0 / v;
    v = v + 1.0;
  }
  let y = 1.0 / (v * v);
  let s = y * (0.0833333333 - y * (0.00833333333 - y * (0.00396825397 - y * 0.00416666667)));
  return result + log(v) - 0.5 / v - s;
}
// log(e^a + e^b) without overflow (logcumsumexp's step); equal infinities give themselves.
fn logAddExpF(a: f32, b: f32) -> f32 {
  if (isNan(a) || isNan(b)) { return nanF(); }
  let m = max(a, b);
  if (isInf(m)) { return m; }
  return m + log1pF(exp(-abs(a - b)));
}
// C's fmod: the dividend's sign; an infinite divisor leaves a finite dividend unchanged.
fn fmodF(x: f32, y: f32) -> f32 {
  if (isInf(y) && !isInf(x) && !isNan(x)) { return x; }
  return x - trunc(x / y) * y;
}
// Python's %: the divisor's sign.
fn remainderF(x: f32, y: f32) -> f32 {
  if (isInf(y) && !isInf(x) && !isNan(x)) { return select(x, y, x != 0.0 && (x < 0.0) != (y < 0.0)); }
  let r = x - floor(x / y) * y;
  return r;
}
fn remainderI(x: i32, y: i32) -> i32 {
  if (y == 0) { return 0; }
  let r = x % y;
  return select(r, r + y, r != 0 && (r < 0) != (y < 0));
}
fn powF(x: f32, y: f32) -> f32 {
  if (x == 1.0 || y == 0.0) { return 1.0; }
  if (isNan(x) || isNan(y)) { return nanF(); }
  if (x == -1.0 && isInf(y)) { return 1.0; }
  // Small integer exponents by repeated squaring: exact where the result is representable (3^2
  // is 9, not exp2(2 log2 3) = 8.9999990), as C's pow is.
  if (floor(y) == y && abs(y) <= 64.0) {
    var result = 1.0;
    var base = x;
    var e = u32(abs(y));
    while (e > 0u) {
      if ((e & 1u) == 1u) { result = result * base; }
      base = base * base;
      e = e >> 1u;
    }
    return select(result, 1.0 / result, y < 0.0);
  }
  let ax = abs(x);
  var r: f32;
  if (ax == 0.0) { r = select(0.0, infF(), y < 0.0); }
  else if (isInf(ax)) { r = select(infF(), 0.0, y < 0.0); }
  else { r = exp2(y * log2(ax)); }
  if (x < 0.0 || (x == 0.0 && bitcast<u32>(x) != 0u)) {
    if (isInf(y)) { return r; }
    if (floor(y) != y) { return nanF(); }
    if (abs(y) < 16777216.0 && (i32(y) & 1) == 1) { return -r; }
  }
  return r;
}
// PyTorch's shifts: a shift by a negative amount or past the width gives 0 to the left and the
// sign to the right (WGSL would take the amount modulo 32).
fn shiftLeftI(x: i32, y: i32) -> i32 { return select(x << u32(y & 31), 0i, y < 0i || y >= 32i); }
fn shiftRightI(x: i32, y: i32) -> i32 { return x >> u32(select(y, 31i, y < 0i || y >= 31i)); }
fn powI(x: i32, y: i32) -> i32 {
  if (y < 0) {
    if (x == 1) { return 1; }
    if (x == -1) { return select(-1, 1, (y & 1) == 0); }
    return 0;
  }
  var result = 1i;
  var base = x;
  var e = y;
  while (e > 0) {
    if ((e & 1) == 1) { result = result * base; }
    base = base * base;
    e = e >> 1u;
  }
  return result;
}
`;
