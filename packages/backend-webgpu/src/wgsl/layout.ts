/**
 * How an operand's storage index follows from the output's linear index. Working this out on
 * the host lets the common cases skip the general strided walk of `at` (prelude), whose integer
 * division and remainder per dimension cost more than the arithmetic of a cheap op: GPUs have no
 * integer divider, and llvmpipe turns each vector division into eight scalar ones.
 */
export type Access = 'contiguous' | 'broadcast' | 'rows' | 'strided';

/** Whether an access reads four neighbouring elements per vec4 of output (vec4 loads, when aligned). */
export function fourWide(access: Access): boolean {
  return access === 'contiguous' || access === 'rows';
}

/**
 * Whether a strided operand is constant along runs of 4 output elements: its innermost dimension
 * has stride 0 and a size divisible by 4 (a [rows, 1] column broadcast over a matrix, as
 * softmax's max and sum are). The vector kernel then reads it once per vec4 and splats it.
 */
export function constantPer4(shape: readonly number[], view: Layout): boolean {
  const last = shape.length - 1;
  return last >= 0 && view.strides[last] === 0 && shape[last]! % 4 === 0;
}

interface Layout {
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * contiguous: storage index = offset + i (row-major over `shape`, dims of size 1 ignored).
 * broadcast: every element reads the one at `offset` (stride 0 wherever the size exceeds 1).
 * rows: one contiguous row over the last dim, repeated along the others (stride 0): offset + i %
 * (last size). A bias added to every row of a matrix: one remainder per element instead of the
 * strided walk, and four neighbours per vec4 when the row allows.
 * strided: anything else (transposed, expanded along some dims only, sliced with steps).
 */
export function accessOf(shape: readonly number[], view: Layout): Access {
  let expected = 1;
  let contiguous = true;
  let broadcast = true;
  let rows = shape.length > 0 && shape[shape.length - 1]! > 1 && view.strides[shape.length - 1] === 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    if (size === 1) continue;
    const stride = view.strides[d]!;
    if (stride !== expected) contiguous = false;
    if (stride !== 0) broadcast = false;
    if (d < shape.length - 1 && stride !== 0) rows = false;
    expected *= size;
  }
  return contiguous ? 'contiguous' : broadcast ? 'broadcast' : rows ? 'rows' : 'strided';
}

/** The WGSL storage index of operand `k` at output index `i` for an access kind. */
export function indexExpr(access: Access, k: number, i: string): string {
  if (access === 'contiguous') return `(off(${k}u) + ${i})`;
  if (access === 'broadcast') return `off(${k}u)`;
  if (access === 'rows') return `rowAt(${k}u, ${i})`;
  return `at(${k}u, ${i})`;
}

/** The vec4 index of a four-wide operand `k` (`fourWide`) at vec4 `i` of the output. */
export function vec4Index(access: Access, k: number, i: string): string {
  return access === 'rows' ? `rowAt(${k}u, ${i} * 4u) / 4u` : `off(${k}u) / 4u + ${i}`;
}

/** Whether a four-wide operand's vec4s are aligned: its offset, and a row's length, divide by 4. */
export function alignedBy4(shape: readonly number[], view: Layout, access: Access): boolean {
  return view.offset % 4 === 0 && (access !== 'rows' || shape[shape.length - 1]! % 4 === 0);
}

/**
 * The same strided walk over fewer dimensions: drops sizes of 1 and merges neighbours that every
 * operand steps through as one (stride[d] = stride[d + 1] * size[d + 1]), so a broadcast row
 * over a [4096, 1024] matrix walks 2 dims and a contiguous 4-d tensor 1. The linear index of
 * each element, hence `at(k, i)`, is unchanged.
 */
export function collapse(shape: readonly number[], views: readonly Layout[]): { shape: number[]; views: Layout[] } {
  const dims = shape.map((_, d) => d).filter((d) => shape[d] !== 1);
  const outShape: number[] = [];
  const outStrides: number[][] = views.map(() => []);
  for (const d of dims) {
    const last = outShape.length - 1;
    const mergeable = last >= 0 && views.every((v, k) => outStrides[k]![last] === v.strides[d]! * shape[d]!);
    if (mergeable) {
      outShape[last]! *= shape[d]!;
      views.forEach((v, k) => (outStrides[k]![last] = v.strides[d]!));
    } else {
      outShape.push(shape[d]!);
      views.forEach((v, k) => outStrides[k]!.push(v.strides[d]!));
    }
  }
  return { shape: outShape, views: views.map((v, k) => ({ offset: v.offset, strides: outStrides[k]! })) };
}
