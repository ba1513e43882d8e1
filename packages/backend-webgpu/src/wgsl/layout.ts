import type { LayoutKind } from '@ag/core';
import { collapseLayout, layoutKind } from '@ag/core';

/**
 * How an operand's storage index follows from the output's linear index: core's
 * {@link LayoutKind}. Working this out on the host lets the common cases skip the general strided
 * walk of `at` (prelude), whose integer division and remainder per dimension cost more than the
 * arithmetic of a cheap op: GPUs have no integer divider, and llvmpipe turns each vector division
 * into eight scalar ones.
 */
export type Access = LayoutKind;

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

/** The access kind of an operand over `shape` (core's `layoutKind`: contiguous, broadcast, rows or strided). */
export function accessOf(shape: readonly number[], view: Layout): Access {
  return layoutKind(shape, view.strides);
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
 * The same strided walk over fewer dimensions (core's `collapseLayout`): drops sizes of 1 and
 * merges neighbours that every operand steps through as one, so a broadcast row over a
 * [4096, 1024] matrix walks 2 dims and a contiguous 4-d tensor 1. The linear index of each
 * element, hence `at(k, i)`, is unchanged; offsets carry over.
 */
export function collapse(shape: readonly number[], views: readonly Layout[]): { shape: number[]; views: Layout[] } {
  const collapsed = collapseLayout(
    shape,
    views.map((v) => v.strides),
  );
  return { shape: collapsed.shape, views: views.map((v, k) => ({ offset: v.offset, strides: collapsed.strides[k]! })) };
}
