import type { DType, View } from '@ag/core';
import type { Stage } from '../fusion.js';
import type { GpuStorage, Runtime } from '../runtime.js';
import { convert, wgslType } from '../wgsl/convert.js';
import type { Access } from '../wgsl/layout.js';
import { accessOf, alignedBy4, collapse, constantPer4, fourWide, indexExpr, vec4Index } from '../wgsl/layout.js';
import { MATH } from '../wgsl/math.js';
import { MAIN, MAIN_BLOCK_END, PRELUDE, mainBlock, perInvocation, stridedMeta } from '../wgsl/prelude.js';

/** One operand of a map kernel: a strided view, read and converted to `as`. */
export interface MapInput {
  readonly view: View<GpuStorage>;
  readonly as: DType;
}

/**
 * The elementwise kernel behind copy, unary, binary, compare and where: for each output element,
 * each operand's storage index follows from the output index and the operand's strides (so
 * broadcast, transposed and offset views need no copy); `v0, v1, ...` are read converted to their
 * `as` dtype, and `body` (a WGSL expression of `result` dtype) is stored cast to `out`. Dims are
 * merged where every operand allows, contiguous and broadcast operands index directly
 * (layout.ts), large work takes several elements per invocation (`mainBlock`), and vec4s when
 * the layouts allow (`vectorBody`). Access kinds are part of the source, hence of the pipeline
 * key, so each combination compiles once.
 */
export function mapKernel(
  rt: Runtime,
  name: string,
  inputs: readonly MapInput[],
  body: string,
  result: DType,
  out: DType,
): GpuStorage {
  const full = inputs[0]?.view.shape ?? [];
  const n = full.reduce((a, b) => a * b, 1);
  const res = rt.alloc(n, name);
  const { shape, views } = collapse(
    full,
    inputs.map((inp) => inp.view),
  );
  const access = views.map((v) => accessOf(shape, v));
  const meta = stridedMeta(shape, views);
  const vector = vectorized(n, shape, views, access);
  const walk = !vector && rt.emulated && walksRows(n, shape, access);
  const bindings = () => [
    ...inputs.map((inp, k) => {
      const t = wgslType(inp.view.dtype);
      return `@group(1) @binding(${k + 1}) var<storage, read> in${k}: array<${vector && fourWide(access[k]!) ? `vec4<${t}>` : t}>;`;
    }),
    `@group(1) @binding(${inputs.length + 1}) var<storage, read_write> out: array<${vector ? `vec4<${wgslType(out)}>` : wgslType(out)}>;`,
  ];
  // Called only on a pipeline cache miss: a hit builds no WGSL.
  const build = () =>
    [
      PRELUDE,
      MATH,
      ...bindings(),
      ...(walk
        ? walkBody(inputs, access, body, result, out)
        : [
            mainBlock(meta.length),
            ...(vector ? vectorBody(inputs, access, body, result, out) : scalarBody(inputs, access, body, result, out)),
            MAIN_BLOCK_END,
          ]),
    ].join('\n');
  // Everything the source depends on (the rank through the slot of `per` in md).
  const operands = inputs.map((inp, k) => `${inp.view.dtype}:${inp.as}:${access[k]!}`).join(',');
  const key = `map|${name}|${body}|${result}|${out}|${vector ? 'vec4' : walk ? 'walk' : 'scalar'}|${meta.length}|${operands}`;
  const stage = stageOf(n, inputs, shape, views, access, {
    body,
    result,
    out,
    output: res.buffer,
    outOffset: 0,
    fresh: true,
    vector,
  });
  const buffers = [...inputs.map((inp) => inp.view.storage.buffer), res.buffer];
  if (walk) {
    rt.run(name, { key, build }, buffers, meta, n / shape[shape.length - 1]!, stage);
    return res;
  }
  const count = vector ? n / 4 : n;
  const per = perInvocation(count);
  rt.run(name, { key, build }, buffers, [count, ...meta.slice(1), per], Math.ceil(count / per), stage);
  return res;
}

/**
 * Whether a scalar map kernel walks rows (`walkBody`): on an emulated GPU, when an operand is
 * strided and the last dim is a run long enough to share one strided walk, over rows enough to
 * keep every core busy.
 */
function walksRows(n: number, shape: readonly number[], access: readonly Access[]): boolean {
  const row = shape[shape.length - 1] ?? 0;
  return shape.length >= 2 && access.includes('strided') && row >= 8 && row <= 4096 && n / row >= 256;
}

/**
 * One invocation per row of the last dim, on an emulated GPU: a strided operand's index is worked
 * out once per row by `at` (a division and a remainder per dim, which llvmpipe runs as eight
 * scalar divisions each) and then stepped by its last stride; the row's output is written in
 * order, which a CPU's caches like. (A real GPU wants neighbouring invocations at neighbouring
 * addresses instead: it keeps the element-wise kernel.) A convolution's columns, a 6-d copy,
 * are the case this is for (docs/performance.md).
 */
function walkBody(
  inputs: readonly MapInput[],
  access: readonly Access[],
  body: string,
  result: DType,
  out: DType,
): string[] {
  const index = (a: Access, k: number) =>
    a === 'strided' ? `u32(i32(b${k}) + i32(j) * s${k})` : a === 'rows' ? `(off(${k}u) + j)` : indexExpr(a, k, 'i');
  return [
    MAIN_ROWS,
    ...inputs.flatMap((_, k) =>
      access[k] === 'strided' ? [`  let b${k} = at(${k}u, i0); let s${k} = md[2u + r + ${k}u * (r + 1u) + r];`] : [],
    ),
    '  for (var j = 0u; j < L; j++) {',
    '    let i = i0 + j;',
    ...inputs.map((inp, k) => `    let v${k} = ${convert(`in${k}[${index(access[k]!, k)}]`, inp.view.dtype, inp.as)};`),
    `    out[i] = ${convert(body, result, out)};`,
    '  }',
    '}',
  ];
}

/** The header of `walkBody`: `i0` is the first element of this invocation's row of `L`. */
const MAIN_ROWS = /* wgsl */ `
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let r = u32(md[1]);
  let L = u32(md[1u + r]);
  let i0 = linearIndex(wid, nwg, lid) * L;
  if (i0 >= u32(md[0])) { return; }`;

/** What an elementwise dispatch computes, for fusion at flush (fusion.ts), over its collapsed `shape` and `views`. */
export function stageOf(
  n: number,
  inputs: readonly MapInput[],
  shape: readonly number[],
  views: readonly { offset: number; strides: readonly number[] }[],
  access: readonly Access[],
  rest: Omit<Stage, 'n' | 'shape' | 'inputs'>,
): Stage {
  const operands = inputs.map((inp, k) => ({
    buffer: inp.view.storage.buffer,
    dtype: inp.view.dtype,
    as: inp.as,
    access: access[k]!,
    offset: views[k]!.offset,
    strides: views[k]!.strides,
  }));
  return { n, shape, inputs: operands, ...rest };
}

/** Whether `n` elements over these operands take the vec4 kernel (`vectorBody`). */
export function vectorized(
  n: number,
  shape: readonly number[],
  views: readonly { offset: number; strides: readonly number[] }[],
  access: readonly Access[],
): boolean {
  return n % 4 === 0 && n >= VECTOR_MIN && vectorizable(shape, views, access);
}

/** Whether every operand can be read as vec4s: contiguous at an offset divisible by 4, a broadcast scalar, or constant along runs of 4. */
function vectorizable(
  shape: readonly number[],
  views: readonly { offset: number; strides: readonly number[] }[],
  access: readonly Access[],
): boolean {
  for (let k = 0; k < views.length; k++) {
    const a = access[k]!;
    const ok = a === 'broadcast' || (fourWide(a) ? alignedBy4(shape, views[k]!, a) : constantPer4(shape, views[k]!));
    if (!ok) return false;
  }
  return true;
}

/** Below this many elements the scalar kernel is used: fewer variants to compile for small work. */
const VECTOR_MIN = 4096;

function scalarBody(
  inputs: readonly MapInput[],
  access: readonly Access[],
  body: string,
  result: DType,
  out: DType,
): string[] {
  const loads = inputs.map(
    (inp, k) => `  let v${k} = ${convert(`in${k}[${indexExpr(access[k]!, k, 'i')}]`, inp.view.dtype, inp.as)};`,
  );
  return [...loads, `  out[i] = ${convert(body, result, out)};`];
}

/**
 * Four elements per invocation through vec4 loads and stores, when every operand is contiguous
 * (at an offset divisible by 4), a broadcast scalar, or constant along runs of 4 (read once per
 * vec4 through its strides, layout.ts), and the size divides by 4. Each load then moves 16 bytes: llvmpipe turns every storage access into a gather over its SIMD lanes, so this
 * quarters the gathers (tfjs's vec4 elementwise kernels do the same), and GPUs have 128-bit
 * loads. The body stays the scalar expression, applied per component, so ops.ts needs no vector
 * forms of its NaN-aware helpers.
 */
function vectorBody(
  inputs: readonly MapInput[],
  access: readonly Access[],
  body: string,
  result: DType,
  out: DType,
): string[] {
  const at = (a: Access, k: number) =>
    fourWide(a) ? vec4Index(a, k, 'i') : a === 'broadcast' ? `off(${k}u)` : `at(${k}u, i * 4u)`;
  const loads = inputs.map((_, k) => `  let w${k} = in${k}[${at(access[k]!, k)}];`);
  const lanes = ['x', 'y', 'z', 'w'].map((c) => {
    const vs = inputs.map(
      (inp, k) => `let v${k} = ${convert(fourWide(access[k]!) ? `w${k}.${c}` : `w${k}`, inp.view.dtype, inp.as)};`,
    );
    return `  { ${vs.join(' ')} r.${c} = ${convert(body, result, out)}; }`;
  });
  return [...loads, `  var r: vec4<${wgslType(out)}>;`, ...lanes, '  out[i] = r;'];
}

/** Fills `size` elements with one value, passed as its 32-bit pattern so NaN and -0 survive. */
export function fillKernel(rt: Runtime, size: number, value: number, out: DType): GpuStorage {
  const res = rt.alloc(size, 'fill');
  const bits = fillBits(value, out);
  const build = () =>
    [
      PRELUDE,
      `@group(1) @binding(1) var<storage, read_write> out: array<${wgslType(out)}>;`,
      MAIN,
      `  out[i] = bitcast<${wgslType(out)}>(md[1]);`,
      '}',
    ].join('\n');
  rt.run('fill', { key: `fill|${out}`, build }, [res.buffer], [size, bits], size);
  return res;
}

/** The 32-bit word that holds `value` as `out` (float32 bits, a bool's 0 or 1, an int truncated and wrapped). */
export function fillBits(value: number, out: DType): number {
  if (out === 'float32') return new Int32Array(new Float32Array([value]).buffer)[0]!;
  return out === 'bool' ? +(value !== 0) : Math.trunc(value) | 0;
}
