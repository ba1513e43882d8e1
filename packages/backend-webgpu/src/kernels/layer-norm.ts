import type { View } from '@ag/core';
import { isContiguous, numel } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { copy } from './elementwise.js';
import { fillBits } from './map.js';
import { MAIN, PRELUDE } from '../wgsl/prelude.js';

type V = View<GpuStorage>;

/**
 * Layer norm in two kernels where the composed one dispatches about a dozen (each a pass over
 * the input on an emulated GPU): one invocation per row for the statistics, the output and the
 * input's gradient, and one per column for the weight's and bias's gradients. Rows are short
 * (a model's width), so a serial walk per row is what the reductions here do too. float32 only
 * (the backend's one float that computes).
 */

/** A view as a contiguous run in its storage: itself, or a copy to free after use. */
function flat(rt: Runtime, x: V): { s: GpuStorage; off: number; temp: boolean } {
  if (isContiguous(x.shape, x.strides)) return { s: x.storage, off: x.offset, temp: false };
  return { s: copy(rt, x, x.dtype), off: 0, temp: true };
}

function done(rt: Runtime, ...fs: ({ s: GpuStorage; temp: boolean } | null)[]): void {
  for (const f of fs) if (f?.temp === true) rt.free(f.s);
}

/** WGSL: the row's mean and 1 / sqrt(variance + eps) as `mu`, `rstd`; the row starts at `xo`. */
const ROW_STATS = `
  let n = u32(md[1]);
  var s = 0.0;
  for (var k = 0u; k < n; k++) { s += x[xo + k]; }
  let mu = s / f32(n);
  var q = 0.0;
  for (var k = 0u; k < n; k++) { let d = x[xo + k] - mu; q += d * d; }
  let rstd = inverseSqrt(q / f32(n) + bitcast<f32>(md[2]));
`;

const affine = (name: string, binding: number) =>
  `@group(1) @binding(${binding}) var<storage, read> ${name}: array<f32>;`;

/** Per row: the normalised row, times the weight, plus the bias (each where given). */
const FORWARD = [
  PRELUDE,
  affine('x', 1),
  affine('w', 2),
  affine('b', 3),
  '@group(1) @binding(4) var<storage, read_write> out: array<f32>;',
  MAIN,
  '  let xo = u32(md[3]) + i * u32(md[1]);',
  ROW_STATS,
  '  for (var k = 0u; k < n; k++) {',
  '    var v = (x[xo + k] - mu) * rstd;',
  '    if (md[6] != 0) { v *= w[u32(md[4]) + k]; }',
  '    if (md[7] != 0) { v += b[u32(md[5]) + k]; }',
  '    out[i * n + k] = v;',
  '  }',
  '}',
].join('\n');

/** The gradient flowing into x, scaled by the weight where given, at row element `k`. */
const gh = (k: string): string => `(g[go + ${k}] * select(1.0, w[u32(md[5]) + ${k}], md[6] != 0))`;

/** Per row: dx = rstd (gh - mean(gh) - xhat mean(gh xhat)); the statistics kept for the columns. */
const BACKWARD_ROWS = [
  PRELUDE,
  affine('x', 1),
  affine('g', 2),
  affine('w', 3),
  '@group(1) @binding(4) var<storage, read_write> dx: array<f32>;',
  '@group(1) @binding(5) var<storage, read_write> st: array<f32>;',
  MAIN,
  '  let xo = u32(md[3]) + i * u32(md[1]);',
  '  let go = u32(md[4]) + i * u32(md[1]);',
  ROW_STATS,
  '  var a = 0.0;',
  '  var c = 0.0;',
  `  for (var k = 0u; k < n; k++) { let h = ${gh('k')}; a += h; c += h * (x[xo + k] - mu) * rstd; }`,
  '  a /= f32(n);',
  '  c /= f32(n);',
  `  for (var k = 0u; k < n; k++) { dx[i * n + k] = rstd * (${gh('k')} - a - (x[xo + k] - mu) * rstd * c); }`,
  '  st[2u * i] = mu;',
  '  st[2u * i + 1u] = rstd;',
  '}',
].join('\n');

/** Per column j: the sums over rows of g xhat and of g. */
const BACKWARD_COLUMNS = [
  PRELUDE,
  affine('x', 1),
  affine('g', 2),
  affine('st', 3),
  '@group(1) @binding(4) var<storage, read_write> dw: array<f32>;',
  '@group(1) @binding(5) var<storage, read_write> db: array<f32>;',
  MAIN,
  '  let n = u32(md[1]);',
  '  let rows = u32(md[7]);',
  '  var sw = 0.0;',
  '  var sb = 0.0;',
  '  for (var r = 0u; r < rows; r++) {',
  '    let gj = g[u32(md[4]) + r * n + i];',
  '    sw += gj * (x[u32(md[3]) + r * n + i] - st[2u * r]) * st[2u * r + 1u];',
  '    sb += gj;',
  '  }',
  '  dw[i] = sw;',
  '  db[i] = sb;',
  '}',
].join('\n');

export function layerNorm(rt: Runtime, x: V, weight: V | null, bias: V | null, cols: number, eps: number): GpuStorage {
  const size = numel(x.shape);
  const rows = cols === 0 ? 0 : size / cols;
  const res = rt.alloc(size, 'layerNorm');
  const xf = flat(rt, x);
  const wf = weight === null ? null : flat(rt, weight);
  const bf = bias === null ? null : flat(rt, bias);
  // An absent weight or bias binds the input in its place, unread.
  const meta = [
    rows,
    cols,
    fillBits(eps, 'float32'),
    xf.off,
    wf?.off ?? 0,
    bf?.off ?? 0,
    wf === null ? 0 : 1,
    bf === null ? 0 : 1,
  ];
  rt.run('layerNorm', FORWARD, [xf.s.buffer, (wf ?? xf).s.buffer, (bf ?? xf).s.buffer, res.buffer], meta, rows);
  done(rt, xf, wf, bf);
  return res;
}

export function layerNormBackward(
  rt: Runtime,
  g: V,
  x: V,
  weight: V | null,
  cols: number,
  eps: number,
): [GpuStorage, GpuStorage, GpuStorage] {
  const size = numel(x.shape);
  const rows = cols === 0 ? 0 : size / cols;
  const dx = rt.alloc(size, 'layerNormBackward');
  const stats = rt.alloc(Math.max(2 * rows, 1), 'layerNormBackward');
  const dw = rt.alloc(cols, 'layerNormBackward');
  const db = rt.alloc(cols, 'layerNormBackward');
  const xf = flat(rt, x);
  const gf = flat(rt, g);
  const wf = weight === null ? null : flat(rt, weight);
  const meta = [rows, cols, fillBits(eps, 'float32'), xf.off, gf.off, wf?.off ?? 0, wf === null ? 0 : 1];
  rt.run(
    'layerNormBackward',
    BACKWARD_ROWS,
    [xf.s.buffer, gf.s.buffer, (wf ?? xf).s.buffer, dx.buffer, stats.buffer],
    meta,
    rows,
  );
  const colMeta = [cols, cols, 0, xf.off, gf.off, 0, 0, rows];
  rt.run(
    'layerNormBackward',
    BACKWARD_COLUMNS,
    [xf.s.buffer, gf.s.buffer, stats.buffer, dw.buffer, db.buffer],
    colMeta,
    cols,
  );
  rt.free(stats);
  done(rt, xf, gf, wf);
  return [dx, dw, db];
}
