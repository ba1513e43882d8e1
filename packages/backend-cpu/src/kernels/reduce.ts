import type { DType, ReduceOp, TypedArray, View } from '@ag/core';
import { collapseLayout, contiguousStrides, isContiguous, numel } from '@ag/core';
import { pool } from '../pool.js';
import { readAs, releaseCast, toBool } from './copy.js';
import type { ReduceKind } from './reduce-loops.js';
import { accumulates, folds, merges, sumColumns, sumContiguous } from './reduce-loops.js';
import { from, innerStride, rowsTakeContiguous, walkRows } from './strided.js';
import { reduceIdentity } from './table.js';

/**
 * Reduces `x` over `axes` into `x`'s shape with those axes set to 1. A contiguous input reduced
 * over consecutive axes takes direct loops; every other case is one walk over the input with the
 * accumulators as a second operand whose strides are 0 along reduced axes, where coalescing
 * turns reduced inner dims into folded rows and kept inner dims into rows accumulated at once.
 */
export function reduce(op: ReduceOp, x: View<TypedArray>, axes: readonly number[], out: DType): TypedArray {
  const read = readAs(x, out);
  const res = reduceInto(op, read, axes, out === 'bool' ? 'float64' : out);
  releaseCast(read, x);
  return out === 'bool' ? toBool(res) : res;
}

function reduceInto(op: ReduceOp, x: View<TypedArray>, axes: readonly number[], out: DType): TypedArray {
  if (axes.length === 0 && isContiguous(x.shape, x.strides)) return reduceNothing(op, x, out);
  const reduced = x.shape.map((_, d) => axes.includes(d));
  const outShape = x.shape.map((size, d) => (reduced[d] ? 1 : size));
  const outSize = numel(outShape);
  // int32 sums and products wrap at every step; all else accumulates in float64 (exact for int32).
  const int = out === 'int32' && (op === 'sum' || op === 'prod');
  const kind: ReduceKind = int ? (op === 'sum' ? 'isum' : 'iprod') : op;
  const acc = int ? pool.take('int32', outSize) : pool.take('float64', outSize);
  acc.fill(reduceIdentity[op]);
  if (outSize > 0 && numel(x.shape) > 0 && !contiguousBlock(kind, x, axes, acc)) {
    const accStrides = contiguousStrides(outShape).map((s, d) => (reduced[d] ? 0 : s));
    walk(kind, x, accStrides, acc);
  }
  if (int || out === 'float64') return acc;
  const res = pool.take(out, outSize);
  res.set(acc);
  pool.give(acc);
  return res;
}

/**
 * A reduction over no axes of a contiguous input: each value merged into its accumulator's
 * identity, as the general walk does (one row accumulated at once), without its bookkeeping.
 */
function reduceNothing(op: ReduceOp, x: View<TypedArray>, out: DType): TypedArray {
  const size = numel(x.shape);
  const int = out === 'int32' && (op === 'sum' || op === 'prod');
  const kind: ReduceKind = int ? (op === 'sum' ? 'isum' : 'iprod') : op;
  const acc = int ? pool.take('int32', size) : pool.take('float64', size);
  acc.fill(reduceIdentity[op]);
  if (size > 0) accumulates[kind](acc, 0, 1, x.storage, x.offset, 1, size);
  if (int || out === 'float64') return acc;
  const res = pool.take(out, size);
  res.set(acc);
  pool.give(acc);
  return res;
}

/**
 * The common cases without the general walk's bookkeeping (which dominates on small tensors): a
 * contiguous input reduced over consecutive axes is [outer, r, inner] reduced over the middle.
 * Returns false when the case does not apply.
 */
function contiguousBlock(
  kind: ReduceKind,
  x: View<TypedArray>,
  axes: readonly number[],
  acc: Float64Array | Int32Array,
): boolean {
  const first = axes[0];
  if (first === undefined || axes[axes.length - 1]! - first !== axes.length - 1) return false;
  if (!isContiguous(x.shape, x.strides)) return false;
  const end = first + axes.length;
  let outer = 1;
  let r = 1;
  let inner = 1;
  x.shape.forEach((size, d) => {
    if (d < first) outer *= size;
    else if (d < end) r *= size;
    else inner *= size;
  });
  const src = x.storage;
  if (inner === 1) {
    const fold = folds[kind];
    const merge = merges[kind];
    if (kind === 'sum' && rowsTakeContiguous(r, outer)) {
      // The hot reduction (sum 4M, a softmax's row sums) has a contiguous loop of its own.
      for (let o = 0, i = x.offset; o < outer; o++, i += r) acc[o] = sumContiguous(from(src, i), r);
    } else {
      for (let o = 0, i = x.offset; o < outer; o++, i += r) acc[o] = merge(acc[o]!, fold(src, i, 1, r));
    }
  } else {
    // Leading or middle axes: whole input rows accumulate into an output row, along memory.
    if (kind === 'sum') {
      for (let o = 0; o < outer; o++) sumColumns(acc, o * inner, src, x.offset + o * r * inner, r, inner);
      return true;
    }
    const accumulate = accumulates[kind];
    for (let o = 0, i = x.offset; o < outer; o++) {
      for (let p = 0; p < r; p++, i += inner) accumulate(acc, o * inner, 1, src, i, 1, inner);
    }
  }
  return true;
}

function walk(
  kind: ReduceKind,
  x: View<TypedArray>,
  accStrides: readonly number[],
  acc: Float64Array | Int32Array,
): void {
  // Visit dims in storage order (largest input stride outermost), so a transposed input is still
  // read along memory; the accumulators follow through their own strides.
  const order = x.shape.map((_, d) => d).sort((p, q) => x.strides[q]! - x.strides[p]!);
  const layout = collapseLayout(
    order.map((d) => x.shape[d]!),
    [order.map((d) => x.strides[d]!), order.map((d) => accStrides[d]!)],
  );
  const sx = innerStride(layout, 0);
  const sa = innerStride(layout, 1);
  const src = x.storage;
  if (sa === 0) {
    // The innermost dim is reduced: fold each row with several accumulators, then merge.
    const fold = folds[kind];
    const merge = merges[kind];
    walkRows(layout, [x.offset, 0], (pos, _o, n) => {
      const a = pos[1]!;
      acc[a] = merge(acc[a]!, fold(src, pos[0]!, sx, n));
    });
  } else {
    const accumulate = accumulates[kind];
    walkRows(layout, [x.offset, 0], (pos, _o, n) => {
      accumulate(acc, pos[1]!, sa, src, pos[0]!, sx, n);
    });
  }
}
