import { isFloating } from '../dtype.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkIndexRange } from '../ops/index-range.js';
import { mean, sum } from '../ops/reduce.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/** What the shared helpers of the nn functions do: reductions, argument checks, stable pieces. */

export type Reduction = 'mean' | 'sum' | 'none';

export interface ReductionOptions {
  reduction?: Reduction;
}

/**
 * Throws unless `reduction` is one the loss takes ('mean', 'sum', 'none' and its `extra` ones):
 * called before the loss's work, so a bad option fails before anything is computed.
 */
export function checkReduction(op: string, reduction: string | undefined, extra: readonly string[] = []): void {
  const allowed = ['mean', 'sum', 'none', ...extra].map((r) => `'${r}'`);
  if (reduction !== undefined && !allowed.includes(`'${reduction}'`)) {
    throw new ValueError(
      `${op}: reduction must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)!}, got '${reduction}'`,
    );
  }
}

/** Applies a loss's `reduction` to its elementwise values. */
export function reduceLoss(op: string, loss: Tensor, reduction: Reduction | undefined): Tensor {
  checkReduction(op, reduction);
  if (reduction === 'sum') return sum(loss);
  return reduction === 'none' ? loss : mean(loss);
}

export function checkFloat(op: string, what: string, x: Tensor): void {
  if (!isFloating(x.dtype)) {
    throw new DTypeError(
      `${op}: expected ${what} of a floating point dtype (float32 or float64), got ${x.dtype} of shape ${formatShape(x.shape)}`,
    );
  }
}

/** Checks int32 indices lie in [0, n) (or equal `ignore`): now on the CPU, by the next read on WebGPU (`checkIndexRange`). */
export function checkIndices(op: string, what: string, idx: Tensor, n: number, ignore?: number): void {
  checkIndexRange(
    op,
    idx,
    n,
    ignore ?? null,
    (v) => `${op}: ${what} ${v} out of range for ${n} ${what === 'target class' ? 'classes' : 'entries'}`,
  );
}

/** Every dim of an `ndim`-dim tensor but `d`: the dims a per-channel (or per-class) gradient sums over. */
export function dimsExcept(ndim: number, d: number): number[] {
  const dims: number[] = [];
  for (let i = 0; i < ndim; i++) if (i !== d) dims.push(i);
  return dims;
}

/** `2` or `[2, 3]` as a pair (two spatial dims), checked positive or non-negative. */
export function pair(op: string, name: string, v: number | readonly number[], n: number, min: number): number[] {
  const list = typeof v === 'number' ? new Array<number>(n).fill(v) : [...v];
  if (list.length !== n || list.some((d) => !Number.isInteger(d) || d < min)) {
    throw new ValueError(
      `${op}: expected ${name} to be ${min > 0 ? 'a positive' : 'a non-negative'} integer or ${n} of them, got ${formatShape(typeof v === 'number' ? [v] : v)}`,
    );
  }
  return list;
}

/** A weight, bias or running statistic, when given, must have the shape its op normalises with. */
export function checkParam(op: string, name: string, p: Tensor | null | undefined, shape: readonly number[]): void {
  if (p === undefined || p === null) return;
  if (!shapesEqual(p.shape, shape))
    throw new ShapeError(`${op}: expected ${name} of shape ${formatShape(shape)}, got ${formatShape(p.shape)}`);
}

/** The trailing dims of x that `normalizedShape` names (layerNorm's and rmsNorm's), checked against x's shape. */
export function normalizedDims(
  op: string,
  x: Tensor,
  normalizedShape: number | readonly number[],
): { shape: number[]; dims: number[]; lead: number } {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  const lead = x.ndim - shape.length;
  if (shape.length === 0 || lead < 0 || !shapesEqual(x.shape.slice(lead), shape)) {
    throw new ShapeError(
      `${op}: given normalizedShape ${formatShape(shape)}, expected input with shape [*, ${shape.join(', ')}], got ${formatShape(x.shape)}`,
    );
  }
  return { shape, dims: shape.map((_, i) => lead + i), lead };
}
