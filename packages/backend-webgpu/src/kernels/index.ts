import type { Kernels } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { argReduce, scan } from './along-axis.js';
import { binary, compare, copy, unary, where } from './elementwise.js';
import { gather, scatter } from './indexing.js';
import { fillKernel } from './map.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { assign, scatterView } from './scatter-view.js';
import { sort } from './sort.js';
import { layerNorm, layerNormBackward } from './layer-norm.js';

/** The WebGPU kernel table over one runtime; `satisfies` makes a missing kernel a compile error. */
export function makeKernels(rt: Runtime): Kernels<GpuStorage> {
  return {
    fill: (size, value, out) => fillKernel(rt, size, value, out),
    copy: (x, out) => copy(rt, x, out),
    unary: (op, x, out) => unary(rt, op, x, out),
    binary: (op, a, b, out) => binary(rt, op, a, b, out),
    compare: (op, a, b, cmp) => compare(rt, op, a, b, cmp),
    where: (cond, a, b, out) => where(rt, cond, a, b, out),
    reduce: (op, x, axes, out) => reduce(rt, op, x, axes, out),
    matmul: (a, b, out) => matmul(rt, a, b, out),
    argReduce: (op, x, axis) => argReduce(rt, op, x, axis),
    scan: (op, x, axis, out) => scan(rt, op, x, axis, out),
    sort: (x, axis, descending) => sort(rt, x, axis, descending),
    gather: (x, axis, index, out) => gather(rt, x, axis, index, out),
    scatter: (x, axis, index, src, mode, out) => scatter(rt, x, axis, index, src, mode, out),
    scatterView: (src, size, strides, offset, out) => scatterView(rt, src, size, strides, offset, out),
    assign: (dst, src) => {
      assign(rt, dst, src);
    },
    layerNorm: (x, weight, bias, cols, eps) => layerNorm(rt, x, weight, bias, cols, eps),
    layerNormBackward: (g, x, weight, cols, eps) => layerNormBackward(rt, g, x, weight, cols, eps),
  } satisfies Kernels<GpuStorage>;
}
