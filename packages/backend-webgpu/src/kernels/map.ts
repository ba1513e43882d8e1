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
export function mapKernel(rt: Runtime, name: string, inputs: readonly MapInput[], body: string, result: DType, out: DType): GpuStorage {
  const full = inputs[0]?.view.shape ?? [];
  const n = full.reduce((a, b) => a * b, 1);
  const res = rt.alloc(n);
  const { shape, views } = collapse(full, inputs.map((inp) => inp.view));
  const access = views.map((v) => accessOf(shape, v));
  const meta = stridedMeta(shape, views);
  const vector = vectorized(n, shape, views, access);
  // Called only on a pipeline cache miss: a hit builds no WGSL.
  const build = () =>
    [
      PRELUDE,
      MATH,
      ...inputs.map((inp, k) => {
        const t = wgslType(inp.view.dtype);
        return `@group(1) @binding(${k + 1}) var<storage, read> in${k}: array<${vector && fourWide(access[k]!) ? `vec4<${t}>` : t}>;`;
      }),
      `@group(1) @binding(${inputs.length + 1}) var<storage, read_write> out: array<${vector ? `vec4<${wgslType(out)}>` : wgslType(out)}>;`,
      mainBlock(meta.length),
      ...(vector ? vectorBody(inputs, access, body, result, out) : scalarBody(inputs, access, body, result, out)),
      MAIN_BLOCK_END,
    ].join('\n');
  // Everything the source depends on (the rank through the slot of `per` in md).
  const operands = inputs.map((inp, k) => `${inp.view.dtype}:${inp.as}:${access[k]!}`).join(',');
  const key = `map|${name}|${body}|${result}|${out}|${String(vector)}|${meta.length}|${operands}`;
  const count = vector ? n / 4 : n;
  const per = perInvocation(count);
  const stage = stageOf(n, inputs, shape, views, access, { body, result, out, output: res.buffer, outOffset: 0, fresh: true, vector });
  rt.run(name, { key, build }, [...inputs.map((inp) => inp.view.storage.buffer), res.buffer], [count, ...meta.slice(1), per], Math.ceil(count / per), stage);
  return res;
}

/** What an elementwise dispatch computes, for fusion at flush (fusion.ts), over its collapsed `shape` and `views`. */
export function stageOf(
  n: number,
  inputs: readonly MapInput[],
  shape: readonly number[],
  views: readonly { offset: number; strides: readonly number[] }[],
  access: readonly Access[],
  rest: Omit<Stage, 'n' | 'shape' | 'inputs'>,
): Stage {
  const operands = inputs.map((inp, k) => ({ buffer: inp.view.storage.buffer, dtype: inp.view.dtype, as: inp.as, access: access[k]!, offset: views[k]!.offset, strides: views[k]!.strides }));
  return { n, shape, inputs: operands, ...rest };
}

/** Whether `n` elements over these operands take the vec4 kernel (`vectorBody`). */
export function vectorized(n: number, shape: readonly number[], views: readonly { offset: number; strides: readonly number[] }[], access: readonly Access[]): boolean {
  return n % 4 === 0 && n >= VECTOR_MIN && vectorizable(shape, views, access);
}

/** Whether every operand can be read as vec4s: contiguous at an offset divisible by 4, a broadcast scalar, or constant along runs of 4. */
function vectorizable(shape: readonly number[], views: readonly { offset: number; strides: readonly number[] }[], access: readonly Access[]): boolean {
  for (let k = 0; k < views.length; k++) {
    const a = access[k]!;
    const ok = a === 'broadcast' || (fourWide(a) ? alignedBy4(shape, views[k]!, a) : constantPer4(shape, views[k]!));
    if (!ok) return false;
  }
  return true;
}

/** Below this many elements the scalar kernel is used: fewer variants to compile for small work. */
const VECTOR_MIN = 4096;

function scalarBody(inputs: readonly MapInput[], access: readonly Access[], body: string, result: DType, out: DType): string[] {
  const loads = inputs.map((inp, k) => `  let v${k} = ${convert(`in${k}[${indexExpr(access[k]!, k, 'i')}]`, inp.view.dtype, inp.as)};`);
  return [...loads, `  out[i] = ${convert(body, result, out)};`];
}

/**
 * Four elements per invocation through vec4 loads and stores, when every operand is contiguous
 * (at an offset divisible by 4), a broadcast scalar, or constant along runs of 4 (read once per
 * vec4 through its strides, layout.ts), and the size divides by 4. Each load then moves 16 bytes: llvmpipe turns every storage access into a gather over its SIMD lanes, so this
 * quarters the gathers (tfjs's vec4 elementwise kernels do the same), and GPUs issue 128-bit
 * loads. The body stays the scalar expression, applied per component, so ops.ts needs no vector
 * forms of its NaN-aware helpers.
 */
function vectorBody(inputs: readonly MapInput[], access: readonly Access[], body: string, result: DType, out: DType): string[] {
  const at = (a: Access, k: number) => (fourWide(a) ? vec4Index(a, k, 'i') : a === 'broadcast' ? `off(${k}u)` : `at(${k}u, i * 4u)`);
  const loads = inputs.map((_, k) => `  let w${k} = in${k}[${at(access[k]!, k)}];`);
  const lanes = ['x', 'y', 'z', 'w'].map((c) => {
    const vs = inputs.map((inp, k) => `let v${k} = ${convert(fourWide(access[k]!) ? `w${k}.${c}` : `w${k}`, inp.view.dtype, inp.as)};`);
    return `  { ${vs.join(' ')} r.${c} = ${convert(body, result, out)}; }`;
  });
  return [...loads, `  var r: vec4<${wgslType(out)}>;`, ...lanes, '  out[i] = r;'];
}

/** Fills `size` elements with one value, passed as its 32-bit pattern so NaN and -0 survive. */
export function fillKernel(rt: Runtime, size: number, value: number, out: DType): GpuStorage {
  const res = rt.alloc(size);
  const bits = out === 'float32' ? new Int32Array(new Float32Array([value]).buffer)[0]! : out === 'bool' ? +(value !== 0) : Math.trunc(value) | 0;
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
