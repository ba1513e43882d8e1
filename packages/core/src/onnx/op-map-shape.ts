import { contiguousStrides } from '../shape.js';
import type { Dim, Emit, Mapper } from './op-map.js';
import { ValueError } from '../errors.js';

/**
 * Views and joins: Reshape, Transpose, Expand, Unsqueeze, Squeeze, Slice, Concat. ag records
 * views by their layout, so each mapper recovers the ONNX arguments (the permutation, the axes,
 * the slice's starts and steps) from the shapes and strides it made.
 */

/**
 * Reshape to the result's shape, with 0 ("copy this dim") where a dynamic axis carries over in
 * the leading dims both shapes share, and -1 for one other dim a dynamic axis flows into.
 */
const reshapeMapper: Mapper = (e) => {
  const x = e.op.inputs[0]!;
  const from = e.sym(x);
  const to = e.op.output.shape;
  const sym: Dim[] = [...to];
  const target: number[] = [...to];
  let prefix = 0;
  while (prefix < to.length && prefix < x.ndim && to[prefix] === x.shape[prefix]) prefix++;
  for (let i = 0; i < prefix; i++) {
    const d = from[i]!;
    if (typeof d === 'string') {
      sym[i] = d;
      target[i] = 0;
    }
  }
  const loose = from.slice(prefix).filter((d): d is string => typeof d === 'string');
  if (loose.length > 0) {
    const at = prefix < to.length ? prefix : to.length - 1;
    if (at < 0 || target.includes(-1))
      throw new ValueError('onnx.export: a reshape folds a dynamic axis where none can go');
    target[at] = -1;
    sym[at] = `${loose.join('*')}*${to[at]}`;
  }
  return { value: e.node('Reshape', [e.x(0), e.ints(target)]), sym };
};

/** The permutation a transposed view applied: each result dim is the input dim with its size and stride. */
const transposeMapper: Mapper = (e) => {
  const x = e.op.inputs[0]!;
  const out = e.op.output;
  const used = new Set<number>();
  const perm = out.shape.map((size, i) => {
    const j = x.shape.findIndex((s, k) => !used.has(k) && s === size && x.strides[k] === out.strides[i]);
    if (j < 0) throw new Error('onnx.export: could not recover the permutation of a transpose');
    used.add(j);
    return j;
  });
  const from = e.sym(x);
  return { value: e.node('Transpose', [e.x(0)], { perm: { ints: perm } }), sym: perm.map((p) => from[p]!) };
};

/** Expand to the result's shape, 1 where a dynamic axis of the input passes through (ONNX's Expand broadcasts both ways). */
const expandMapper: Mapper = (e) => {
  const x = e.op.inputs[0]!;
  const from = e.sym(x);
  const to = e.op.output.shape;
  const shift = to.length - x.ndim;
  const sym: Dim[] = [...to];
  const target = to.map((size, i) => {
    const d = from[i - shift];
    if (typeof d === 'string') {
      sym[i] = d;
      return 1;
    }
    return size;
  });
  return { value: e.node('Expand', [e.x(0), e.ints(target)]), sym };
};

/** The position a size-1 dim was inserted at. */
const unsqueezeMapper: Mapper = (e) => {
  const x = e.op.inputs[0]!;
  const to = e.op.output.shape;
  let d = 0;
  while (d < x.ndim && to[d] === x.shape[d]) d++;
  const from = e.sym(x);
  return { value: e.node('Unsqueeze', [e.x(0), e.ints([d])]), sym: [...from.slice(0, d), 1, ...from.slice(d)] };
};

/** The size-1 dims removed, matched left to right. */
const squeezeMapper: Mapper = (e) => {
  const x = e.op.inputs[0]!;
  const to = e.op.output.shape;
  const axes: number[] = [];
  let j = 0;
  for (let i = 0; i < x.ndim; i++) {
    if (j < to.length && x.shape[i] === to[j] && !(x.shape[i] === 1 && x.ndim - i > to.length - j)) j++;
    else axes.push(i);
  }
  const from = e.sym(x);
  if (axes.length === 0) return { value: e.node('Identity', [e.x(0)]), sym: from };
  return { value: e.node('Squeeze', [e.x(0), e.ints(axes)]), sym: from.filter((_, i) => !axes.includes(i)) };
};

interface StridedAttrs {
  readonly input: readonly number[];
  readonly logical: { readonly strides: readonly number[]; readonly offset: number };
}

/**
 * A slice (or select) as ONNX's Slice: its layout over the contiguous input gives each dim's
 * start (the offset split over the input's strides) and step; a select then squeezes its dim.
 */
function strided(select: boolean): Mapper {
  return (e) => {
    const x = e.op.inputs[0]!;
    const { input, logical } = e.op.attrs as StridedAttrs;
    const cs = contiguousStrides(input);
    const out = e.op.output.shape;
    let rest = logical.offset;
    const start = cs.map((s) => {
      const k = s === 0 ? 0 : Math.floor(rest / s);
      rest -= k * s;
      return k;
    });
    // The selected dim: the first input dim that the result's dims (size and stride) skip.
    let dropped = -1;
    if (select) {
      dropped = input.length - 1;
      for (let i = 0; i < out.length; i++) {
        if (out[i] !== input[i] || logical.strides[i] !== cs[i]) {
          dropped = i;
          break;
        }
      }
    }
    const keptDims = input.map((_, i) => i).filter((i) => i !== dropped);
    const axes: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const steps: number[] = [];
    const from = e.sym(x);
    input.forEach((n, i) => {
      const k = keptDims.indexOf(i);
      const len = k < 0 ? 1 : out[k]!;
      const step = k < 0 || cs[i] === 0 ? 1 : logical.strides[k]! / cs[i]!;
      if (len === n && step === 1) return; // untouched: a dynamic axis stays free
      if (typeof from[i] === 'string') throw new ValueError('onnx.export: a slice of a dynamic axis is not supported');
      axes.push(i);
      starts.push(start[i]!);
      ends.push(start[i]! + (len - 1) * step + 1);
      steps.push(step);
    });
    let value =
      axes.length === 0
        ? e.node('Identity', [e.x(0)])
        : e.node('Slice', [e.x(0), e.ints(starts), e.ints(ends), e.ints(axes), e.ints(steps)]);
    if (dropped >= 0) value = e.node('Squeeze', [value, e.ints([dropped])]);
    return { value, sym: from.filter((_, i) => i !== dropped) };
  };
}

const concat: Mapper = (e) =>
  e.node(
    'Concat',
    e.op.inputs.map((_, i) => e.x(i)),
    { axis: { int: (e.op.attrs as { dim: number }).dim } },
  );

/** stack = unsqueeze each, then concat. */
const stack: Mapper = (e) => {
  const d = (e.op.attrs as { d: number }).d;
  const parts = e.op.inputs.map((_, i) => e.node('Unsqueeze', [e.x(i), e.ints([d])]));
  const from = e.sym(e.op.inputs[0]!);
  return {
    value: e.node('Concat', parts, { axis: { int: d } }),
    sym: [...from.slice(0, d), e.op.inputs.length, ...from.slice(d)],
  };
};

export const SHAPE_MAPPERS: Readonly<Record<string, Mapper>> = {
  ViewBackward0: reshapeMapper,
  UnsafeViewBackward0: reshapeMapper,
  PermuteBackward0: transposeMapper,
  TransposeBackward0: transposeMapper,
  TBackward0: transposeMapper,
  ExpandBackward0: expandMapper,
  UnsqueezeBackward0: unsqueezeMapper,
  SqueezeBackward0: squeezeMapper,
  SqueezeBackward1: squeezeMapper,
  SliceBackward0: strided(false),
  SelectBackward0: strided(true),
  CatBackward0: concat,
  StackBackward0: stack,
};

export type { Emit };
