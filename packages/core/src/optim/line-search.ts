/** A flat vector of parameter values or gradients, on the host. */
export type Vec = number[];

const dot = (a: Vec, b: Vec): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

/**
 * The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to
 * `bounds` (the two points by default); their midpoint where the cubic has no minimum.
 */
export function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  bounds: readonly [number, number] = x1 <= x2 ? [x1, x2] : [x2, x1],
): number {
  const [lo, hi] = bounds;
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2sq = d1 * d1 - g1 * g2;
  if (d2sq < 0) return (lo + hi) / 2;
  const d2 = Math.sqrt(d2sq);
  const min =
    x1 <= x2
      ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
      : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  return Math.min(Math.max(min, lo), hi);
}

/** One point on the line: its step, loss, gradient and slope along the direction. */
interface Point {
  t: number;
  f: number;
  g: Vec;
  gtd: number;
}

export interface LineSearchResult {
  t: number;
  f: number;
  g: Vec;
  evals: number;
}

/**
 * A step along `d` from the current point (loss f, gradient g, slope gtd < 0) meeting the strong
 * Wolfe conditions, f(t) <= f + c1 t gtd and |g(t) . d| <= -c2 gtd, as torch's LBFGS finds it
 * (after minFunc's lswolfe): a bracketing phase growing the step by cubic extrapolation, then a
 * zoom by cubic interpolation, at most maxLs evaluations. `at(t, d)` evaluates the loss and
 * gradient at the step t.
 */
export async function strongWolfe(
  at: (t: number, d: Vec) => Promise<[number, Vec]>,
  t0: number,
  d: Vec,
  f: number,
  g: Vec,
  gtd: number,
  toleranceChange = 1e-9,
  c1 = 1e-4,
  c2 = 0.9,
  maxLs = 25,
): Promise<LineSearchResult> {
  const dNorm = d.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const evaluate = async (t: number): Promise<Point> => {
    const [fNew, gNew] = await at(t, d);
    return { t, f: fNew, g: gNew, gtd: dot(gNew, d) };
  };
  let cur = await evaluate(t0);
  let evals = 1;
  let prev: Point = { t: 0, f, g, gtd };
  let bracket: Point[] | null = null;
  let done = false;
  let iter = 0;
  // Bracketing: grow the step until an interval holds a point meeting the conditions.
  while (iter < maxLs) {
    if (cur.f > f + c1 * cur.t * gtd || (iter > 1 && cur.f >= prev.f)) {
      bracket = [prev, cur];
      break;
    }
    if (Math.abs(cur.gtd) <= -c2 * gtd) {
      bracket = [cur];
      done = true;
      break;
    }
    if (cur.gtd >= 0) {
      bracket = [prev, cur];
      break;
    }
    const t = cubicInterpolate(prev.t, prev.f, prev.gtd, cur.t, cur.f, cur.gtd, [
      cur.t + 0.01 * (cur.t - prev.t),
      cur.t * 10,
    ]);
    prev = cur;
    cur = await evaluate(t);
    evals++;
    iter++;
  }
  if (iter === maxLs) bracket = [{ t: 0, f, g, gtd }, cur];
  const b = bracket!;
  // Zoom: shrink the bracket by cubic interpolation until the conditions hold.
  let [low, high] = b.length === 1 || b[0]!.f <= b[b.length - 1]!.f ? [0, 1] : [1, 0];
  let insufficient = false;
  while (!done && iter < maxLs) {
    if (Math.abs(b[1]!.t - b[0]!.t) * dNorm < toleranceChange) break;
    let t = cubicInterpolate(b[0]!.t, b[0]!.f, b[0]!.gtd, b[1]!.t, b[1]!.f, b[1]!.gtd);
    const hi = Math.max(b[0]!.t, b[1]!.t);
    const lo = Math.min(b[0]!.t, b[1]!.t);
    const eps = 0.1 * (hi - lo);
    // Too near an end: after one such step, or at or past the end, move eps inside instead.
    if (Math.min(hi - t, t - lo) < eps) {
      if (insufficient || t >= hi || t <= lo) {
        t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
        insufficient = false;
      } else insufficient = true;
    } else insufficient = false;
    const p = await evaluate(t);
    evals++;
    iter++;
    if (p.f > f + c1 * t * gtd || p.f >= b[low]!.f) {
      // Not a sufficient decrease, or not below the lowest point: it becomes the high end.
      b[high] = p;
      [low, high] = b[0]!.f <= b[1]!.f ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(p.gtd) <= -c2 * gtd) done = true;
      else if (p.gtd * (b[high]!.t - b[low]!.t) >= 0) b[high] = b[low]!;
      b[low] = p;
    }
  }
  const best = b[low]!;
  return { t: best.t, f: best.f, g: best.g, evals };
}
