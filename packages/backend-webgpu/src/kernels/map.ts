import type { DType, View } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { convert, wgslType } from '../wgsl/convert.js';
import { MATH } from '../wgsl/math.js';
import { MAIN, PRELUDE, stridedMeta } from '../wgsl/prelude.js';

/** One operand of a map kernel: a strided view, read and converted to `as`. */
export interface MapInput {
  readonly view: View<GpuStorage>;
  readonly as: DType;
}

/**
 * The elementwise kernel behind fill, copy, unary, binary, compare and where: one invocation per
 * output element computes each operand's storage index from the output index and the operand's
 * strides (so broadcast, transposed and offset views need no copy), reads `v0, v1, ...` converted
 * to their `as` dtype, and stores `body` (a WGSL expression of `result` dtype) cast to `out`.
 */
export function mapKernel(rt: Runtime, name: string, inputs: readonly MapInput[], body: string, result: DType, out: DType): GpuStorage {
  const shape = inputs[0]?.view.shape ?? [];
  const n = shape.reduce((a, b) => a * b, 1);
  const res = rt.alloc(n);
  const decls = inputs.map((inp, k) => `@group(0) @binding(${k + 1}) var<storage, read> in${k}: array<${wgslType(inp.view.dtype)}>;`);
  const loads = inputs.map((inp, k) => `  let v${k} = ${convert(`in${k}[at(${k}u, i)]`, inp.view.dtype, inp.as)};`);
  const source = [
    PRELUDE,
    MATH,
    ...decls,
    `@group(0) @binding(${inputs.length + 1}) var<storage, read_write> out: array<${wgslType(out)}>;`,
    MAIN,
    ...loads,
    `  out[i] = ${convert(body, result, out)};`,
    '}',
  ].join('\n');
  const meta = stridedMeta(shape, inputs.map((inp) => inp.view));
  rt.run(name, source, [...inputs.map((inp) => inp.view.storage.buffer), res.buffer], meta, n);
  return res;
}

/** Fills `size` elements with one value, passed as its 32-bit pattern so NaN and -0 survive. */
export function fillKernel(rt: Runtime, size: number, value: number, out: DType): GpuStorage {
  const res = rt.alloc(size);
  const bits = out === 'float32' ? new Int32Array(new Float32Array([value]).buffer)[0]! : out === 'bool' ? +(value !== 0) : Math.trunc(value) | 0;
  const source = [
    PRELUDE,
    `@group(0) @binding(1) var<storage, read_write> out: array<${wgslType(out)}>;`,
    MAIN,
    `  out[i] = bitcast<${wgslType(out)}>(md[1]);`,
    '}',
  ].join('\n');
  rt.run('fill', source, [res.buffer], [size, bits], size);
  return res;
}
