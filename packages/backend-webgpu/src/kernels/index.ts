import type { DType, Kernels, View } from '@ag/core';
import { filledWords, hostMap } from '../host.js';
import type { GpuStorage, Runtime } from '../runtime.js';
import { argReduce, scan } from './along-axis.js';
import { binary, compare, copy, unary, where } from './elementwise.js';
import { gather, scatter } from './indexing.js';
import { fillBits, fillKernel } from './map.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { assign, scatterView } from './scatter-view.js';
import { sort } from './sort.js';
import { layerNorm, layerNormBackward } from './layer-norm.js';

/** The WebGPU kernel table over one runtime; `satisfies` makes a missing kernel a compile error. */
export function makeKernels(rt: Runtime): Kernels<GpuStorage> {
  // Small operands on the host run there where exact (host.ts). Only these entry points ask:
  // a kernel that writes into a storage it made (scatter into a copy, a view's gradient into
  // zeros) calls the device kernels, so that storage is on the device, where it is written.
  const onHost = (op: string, views: readonly View<GpuStorage>[], out: DType): GpuStorage | null =>
    rt.hostElements === 0 ? null : hostMap(op, views, out, rt.hostElements, (words) => rt.onHost(words));
  return {
    fill: (size, value, out) =>
      size > 0 && size <= rt.hostElements
        ? rt.onHost(filledWords(size, fillBits(value, out), out))
        : fillKernel(rt, size, value, out),
    copy: (x, out) => onHost('copy', [x], out) ?? copy(rt, x, out),
    unary: (op, x, out) => onHost(op, [x], out) ?? unary(rt, op, x, out),
    binary: (op, a, b, out) => onHost(op, [a, b], out) ?? binary(rt, op, a, b, out),
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
