import { isContiguous, type DType, type View } from '@ag/core';
import type { GpuStorage, HostWords } from './storage.js';

/**
 * Small tensors computed on the host. A GPU kernel launch costs tens of microseconds of host
 * time however few its elements (recording, fusion at flush, encoding, Dawn's validation,
 * llvmpipe's dispatch), which a chain of scalar ops pays per op; a few elements cost nanoseconds
 * on the CPU (tfjs-webgpu forwards small ops to its CPU backend likewise). A tensor of at most
 * `WebGPUOptions.hostElements` elements made by an upload or a fill keeps its words on the host,
 * elementwise ops over such operands run here, and a kernel that needs one on the device
 * uploads it then (storage.ts).
 *
 * Only what is exact runs here, so a value never depends on where it was computed: float32
 * add, sub and mul (WGSL requires them correctly rounded; a double result rounded to float32
 * is the correctly rounded float32 result, as a double holds twice float32's precision plus
 * two bits), neg and copy. Division and the transcendental functions are within some ulp on a
 * GPU, and integers need wrapping, so they stay on the device.
 */

/** The ops computed on the host, as double-precision functions rounded to float32 on store. */
const EXACT: Readonly<Record<string, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  neg: (a) => -a,
  copy: (a) => a,
};

/** The float32 host words of each view's storage, or null when one is on the device or not float32. */
function hostFloat32(views: readonly View<GpuStorage>[]): Float32Array<ArrayBuffer>[] | null {
  const words: Float32Array<ArrayBuffer>[] = [];
  for (const v of views) {
    const h = v.storage.host;
    if (v.dtype !== 'float32' || !(h instanceof Float32Array)) return null;
    words.push(h);
  }
  return words;
}

/**
 * `op` over broadcast views (all of the output's shape) on the host, as a new storage made by
 * `make`; null when it must run on the device: too large, an operand on the device, not
 * float32, or not an exact op.
 */
export function hostMap(
  op: string,
  views: readonly View<GpuStorage>[],
  out: DType,
  limit: number,
  make: (words: HostWords) => GpuStorage,
): GpuStorage | null {
  const f = EXACT[op];
  if (f === undefined || out !== 'float32') return null;
  const shape = views[0]!.shape;
  let n = 1;
  for (const d of shape) n *= d;
  if (n > limit || n === 0) return null;
  const words = hostFloat32(views);
  if (words === null) return null;
  const res = new Float32Array(n);
  const a = words[0]!;
  const b = words[1] ?? a;
  const [va, vb] = [views[0]!, views[1] ?? views[0]!];
  const [sa, sb] = [step(va), step(vb)];
  if (sa !== null && sb !== null) {
    // Contiguous or one broadcast element each: the index is the offset plus i times 1 or 0.
    for (let i = 0, ja = va.offset, jb = vb.offset; i < n; i++, ja += sa, jb += sb) res[i] = f(a[ja]!, b[jb]!);
    return make(res);
  }
  const ia = indices(va, n);
  const ib = views.length > 1 ? indices(vb, n) : ia;
  for (let i = 0; i < n; i++) res[i] = f(a[ia[i]!]!, b[ib[i]!]!);
  return make(res);
}

/** 1 where a view walks its storage contiguously, 0 where it is one element broadcast, else null. */
function step(view: View<GpuStorage>): number | null {
  const { shape, strides } = view;
  if (isContiguous(shape, strides)) return 1;
  return strides.every((s, d) => s === 0 || shape[d] === 1) ? 0 : null;
}

/** The storage index of each of a view's `n` elements, in row-major order of its shape. */
function indices(view: View<GpuStorage>, n: number): Int32Array {
  const { shape, strides, offset } = view;
  const res = new Int32Array(n);
  const at = new Array<number>(shape.length).fill(0);
  let idx = offset;
  for (let i = 0; i < n; i++) {
    res[i] = idx;
    // Step the last dim, carrying into earlier ones.
    for (let d = shape.length - 1; d >= 0; d--) {
      idx += strides[d]!;
      if (++at[d]! < shape[d]!) break;
      idx -= strides[d]! * shape[d]!;
      at[d] = 0;
    }
  }
  return res;
}

/** The words of `size` elements of one value, as fill's kernel writes them (its 32-bit pattern). */
export function filledWords(size: number, bits: number, out: DType): HostWords {
  const words = new Int32Array(size).fill(bits);
  return out === 'float32' ? new Float32Array(words.buffer) : words;
}
