import type { DType, ReduceOp, View } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType, convert, wgslType } from '../wgsl/convert.js';
import { collapse } from '../wgsl/layout.js';
import { MAIN, PRELUDE, stridedMeta } from '../wgsl/prelude.js';

type V = View<GpuStorage>;

/** Combining two partial results; max and min propagate NaN, int32 sums and products wrap. */
const combineF32: { [K in ReduceOp]: (a: string, b: string) => string } = {
  sum: (a, b) => `${a} + ${b}`,
  prod: (a, b) => `${a} * ${b}`,
  max: (a, b) => `select(max(${a}, ${b}), ${a} + ${b}, isNan(${a}) || isNan(${b}))`,
  min: (a, b) => `select(min(${a}, ${b}), ${a} + ${b}, isNan(${a}) || isNan(${b}))`,
};
const combineI32: { [K in ReduceOp]: (a: string, b: string) => string } = {
  sum: (a, b) => `${a} + ${b}`,
  prod: (a, b) => `${a} * ${b}`,
  max: (a, b) => `max(${a}, ${b})`,
  min: (a, b) => `min(${a}, ${b})`,
};
const identityF32: { [K in ReduceOp]: string } = { sum: '0.0', prod: '1.0', max: '-infF()', min: 'infF()' };
const identityI32: { [K in ReduceOp]: string } = {
  sum: '0i',
  prod: '1i',
  max: '(-2147483647i - 1i)',
  min: '2147483647i',
};

/** Below this many elements per output, one invocation per output beats a workgroup tree. */
const SERIAL_MAX = 32;
/**
 * On an emulated GPU, this many values written (outputs, or slices of outputs) or more take one
 * invocation each whatever their length: llvmpipe runs a workgroup's barriers by switching
 * between its invocations, and the tree's six barriers per output cost more than the serial loop
 * (docs/performance.md). A real GPU keeps the tree, whose loads coalesce.
 */
const EMULATED_SERIAL_OUTPUTS = 128;
/** Workgroup width of the tree reduction. */
const WG = 64;
/**
 * A reduction this long over this few outputs is split: one workgroup per slice of SLICE
 * elements writes a partial, and a second pass reduces the partials. Otherwise a full sum of 4M
 * elements would run in one workgroup, on one core of llvmpipe or one multiprocessor of a GPU.
 */
const SPLIT_OUTPUTS = 256;
const SLICE = 4096;
const MAX_SLICES = 1024;

/**
 * How element k of output o is found. The view is permuted so kept axes come first and reduced
 * axes last; output o then reduces the index range [o * R, (o + 1) * R) of the permuted shape.
 * When the reduced axes collapse into one dimension of stride s (a row of a matrix, a whole
 * contiguous tensor), the element is at(0, o * R) + k * s: one strided walk per output instead
 * of one per element (layout.ts says why walks are costly).
 */
function elementIndex(
  shape: readonly number[],
  strides: readonly number[],
  kept: number,
): { expr: (o: string, k: string) => string; stride?: number } {
  const reduced = collapse(shape.slice(kept), [{ offset: 0, strides: strides.slice(kept) }]);
  const single = reduced.shape.length <= 1 ? (reduced.views[0]!.strides[0] ?? 0) : undefined;
  if (single === undefined) return { expr: (o, k) => `at(0u, ${o} * R + ${k})` };
  return { expr: (_o, k) => `(base + ${k} * RS)`, stride: single };
}

/**
 * Reduction over `axes`. Long reductions take one 64-wide workgroup per output (or per slice of
 * an output, see SLICE): each invocation folds a strided share, then a tree in workgroup memory
 * combines the 64 partials. Short ones take one invocation per output. bool results are computed
 * on 0/1 in float32 and normalized, as on the CPU.
 */
export function reduce(rt: Runtime, op: ReduceOp, x: V, axes: readonly number[], out: DType): GpuStorage {
  checkDType(out, op);
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const order = [...kept, ...axes];
  const shape = order.map((d) => x.shape[d]!);
  const strides = order.map((d) => x.strides[d]!);
  const outN = kept.reduce((n, d) => n * x.shape[d]!, 1);
  const r = axes.reduce((n, d) => n * x.shape[d]!, 1);
  if (outN === 0) return rt.alloc(0);
  const slices = outN <= SPLIT_OUTPUTS && r >= 2 * SLICE ? Math.min(MAX_SLICES, Math.ceil(r / SLICE)) : 1;
  if (slices === 1) return pass(rt, op, x, shape, strides, kept.length, outN, r, 1, out, out);
  // The partials stay in the compute dtype; the second pass reads them as a contiguous [outN, slices].
  const c: DType = out === 'bool' ? 'float32' : out;
  const partial = pass(rt, op, x, shape, strides, kept.length, outN, r, slices, out, c);
  const view: V = { storage: partial, dtype: c, shape: [outN, slices], strides: [slices, 1], offset: 0 };
  const res = pass(rt, op, view, [outN, slices], [slices, 1], 1, outN, slices, 1, out, out);
  rt.free(partial);
  return res;
}

/**
 * One reduction pass over the permuted `shape`: writes outN * slices values of dtype `store`,
 * value o * slices + s folding elements [s * chunk, (s + 1) * chunk) of output o, where chunk is
 * R / slices rounded up. `out` decides the arithmetic (bool reduces 0/1 in float32).
 */
function pass(
  rt: Runtime,
  op: ReduceOp,
  x: V,
  shape: readonly number[],
  strides: readonly number[],
  kept: number,
  outN: number,
  r: number,
  slices: number,
  out: DType,
  store: DType,
): GpuStorage {
  const c: DType = out === 'bool' ? 'float32' : out;
  const res = rt.alloc(outN * slices, op);
  const meta = [...stridedMeta(shape, [{ offset: x.offset, strides }]), outN, r, slices];
  const extra = 2 + 2 * shape.length + 1;
  const el = elementIndex(shape, strides, kept);
  const t = wgslType(c);
  const f = c === 'float32';
  const combine = (f ? combineF32 : combineI32)[op];
  const ident = (f ? identityF32 : identityI32)[op];
  const as = out === 'bool' ? 'bool' : c;
  const load = (k: string) => convert(convert(`x[${el.expr('o', k)}]`, x.dtype, as), as, c);
  const head = () => [
    PRELUDE,
    `@group(1) @binding(1) var<storage, read> x: array<${wgslType(x.dtype)}>;`,
    `@group(1) @binding(2) var<storage, read_write> out: array<${wgslType(store)}>;`,
  ];
  // The base of output o and the reduced stride, when the reduced axes collapse (elementIndex).
  const locate = el.stride === undefined ? '' : `  let RS = u32(md[${extra + 3}]); let base = at(0u, o * R);`;
  const metaAll = el.stride === undefined ? meta : [...meta, el.stride];
  // Serial: one invocation per value written (a whole output, or one slice of it).
  const serial = r <= SERIAL_MAX || (rt.emulated && outN * slices >= EMULATED_SERIAL_OUTPUTS);
  // Everything the source depends on (the rank fixes the metadata slots), so a cache hit builds no WGSL.
  const key = `reduce|${op}|${x.dtype}|${out}|${store}|${shape.length}|${String(el.stride !== undefined)}|${String(serial)}`;
  if (serial) {
    const build = () =>
      [
        ...head(),
        MAIN,
        `  let g = i; let R = u32(md[${extra + 1}]); let S = u32(md[${extra + 2}]);`,
        '  let o = g / S; let chunk = (R + S - 1u) / S;',
        '  let k0 = (g % S) * chunk; let k1 = min(R, k0 + chunk);',
        locate,
        `  var acc: ${t} = ${ident};`,
        `  for (var k = k0; k < k1; k++) { acc = ${combine('acc', load('k'))}; }`,
        `  out[g] = ${convert('acc', c, store)};`,
        '}',
      ].join('\n');
    rt.run(
      `reduce_${op}`,
      { key, build },
      [x.storage.buffer, res.buffer],
      [outN * slices, ...metaAll.slice(1)],
      outN * slices,
    );
    return res;
  }
  const build = () =>
    [
      ...head(),
      `var<workgroup> part: array<${t}, ${WG}>;`,
      `@compute @workgroup_size(${WG})`,
      'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {',
      `  let g = wid.y * nwg.x + wid.x; let R = u32(md[${extra + 1}]); let S = u32(md[${extra + 2}]);`,
      `  let valid = g < u32(md[${extra}]) * S;`,
      '  let o = g / S; let chunk = (R + S - 1u) / S;',
      '  let k0 = (g % S) * chunk; let k1 = min(R, k0 + chunk);',
      locate,
      `  var acc: ${t} = ${ident};`,
      `  if (valid) { for (var k = k0 + lid; k < k1; k += ${WG}u) { acc = ${combine('acc', load('k'))}; } }`,
      '  part[lid] = acc;',
      '  workgroupBarrier();',
      `  for (var s = ${WG / 2}u; s > 0u; s >>= 1u) {`,
      `    if (lid < s) { part[lid] = ${combine('part[lid]', 'part[lid + s]')}; }`,
      '    workgroupBarrier();',
      '  }',
      `  if (valid && lid == 0u) { out[g] = ${convert('part[0]', c, store)}; }`,
      '}',
    ].join('\n');
  const groups = outN * slices;
  const x0 = Math.min(groups, 65535);
  rt.runGroups(`reduce_${op}`, { key, build }, [x.storage.buffer, res.buffer], metaAll, [
    x0,
    Math.ceil(groups / x0),
    1,
  ]);
  return res;
}
