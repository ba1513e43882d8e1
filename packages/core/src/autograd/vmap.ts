import { normalizeDim } from '../shape.js';
import { stack } from '../ops/join.js';
import { select } from '../ops/slicing.js';
import { isTensor } from '../tensor-brand.js';
import type { Tensor } from '../tensor.js';
import { ArgumentError, IndexError, ShapeError, ValueError } from '../errors.js';

/** Where each argument is mapped: one dim for all tensors, or one per argument (null: not mapped). */
export type InDims = number | null | readonly (number | null)[];

/** Options of {@link vmap}, as torch.vmap's. */
export interface VmapOptions {
  /** The mapped dim of each argument (default 0; null passes an argument whole to every call). */
  inDims?: InDims;
  /** Where the mapped dim goes in each output (default 0). */
  outDims?: number | readonly number[];
}

/**
 * `fn` mapped over a dim of its tensor arguments (torch.vmap): `vmap(fn)(x)` is
 * `stack([fn(x[0]), fn(x[1]), ...])`. Each call sees one slice (a view, so autograd flows back
 * into the batched inputs); non-tensor arguments and those with `inDims` null pass as they are.
 * Calls nest (`vmap(vmap(f))`). ag runs `fn` once per slice rather than rewriting it with
 * batching rules as PyTorch does: the results, and their gradients, are the same, at the cost of
 * one call per slice.
 */
export function vmap<R extends Tensor | readonly Tensor[]>(
  fn: (...args: never[]) => R,
  options: VmapOptions = {},
): (...args: unknown[]) => R {
  const call = fn as unknown as (...args: unknown[]) => R;
  return (...args: unknown[]): R => {
    const dims = mappedDims(args, options.inDims ?? 0);
    const size = batchSize(args, dims);
    const results: R[] = [];
    for (let b = 0; b < size; b++) {
      results.push(call(...args.map((a, i) => (dims[i] === null ? a : select(a as Tensor, dims[i]!, b)))));
    }
    return restack(results, options.outDims ?? 0);
  };
}

/** The normalized mapped dim of each argument (null where it is not a mapped tensor). */
function mappedDims(args: readonly unknown[], inDims: InDims): (number | null)[] {
  if (Array.isArray(inDims) && inDims.length !== args.length) {
    throw new ValueError(`vmap: inDims has ${inDims.length} entries but the function got ${args.length} arguments`);
  }
  return args.map((a, i) => {
    const d = Array.isArray(inDims) ? (inDims as readonly (number | null)[])[i]! : (inDims as number | null);
    if (d === null) return null;
    if (!isTensor(a)) {
      if (Array.isArray(inDims))
        throw new ArgumentError(`vmap: inDims[${i}] is ${d} but argument ${i} is not a Tensor (use null for it)`);
      return null;
    }
    if (a.ndim === 0) throw new IndexError(`vmap: argument ${i} is a 0-d tensor and has no dim ${d} to map over`);
    return normalizeDim('vmap', d, a.ndim);
  });
}

/** The common size of the mapped dims. */
function batchSize(args: readonly unknown[], dims: readonly (number | null)[]): number {
  const sizes = dims.flatMap((d, i) => (d === null ? [] : [(args[i] as Tensor).shape[d]!]));
  if (sizes.length === 0) throw new ValueError('vmap: at least one argument must be a Tensor mapped over a dim');
  if (sizes.some((s) => s !== sizes[0]))
    throw new ShapeError(
      `vmap: expected all tensors to have the same size in the mapped dimension, got sizes [${sizes.join(', ')}]`,
    );
  return sizes[0]!;
}

/** The per-slice results stacked along `outDims` (one tensor, or one per output). */
function restack<R extends Tensor | readonly Tensor[]>(results: readonly R[], outDims: number | readonly number[]): R {
  if (results.length === 0) throw new ShapeError('vmap: the mapped dimension has size 0');
  const first = results[0]!;
  const dimOf = (k: number, ndim: number): number => {
    const d = typeof outDims === 'number' ? outDims : outDims[k];
    if (d === undefined) throw new ValueError(`vmap: outDims has no entry for output ${k}`);
    return normalizeDim('vmap', d, ndim + 1);
  };
  if (isTensor(first)) return stack(results as readonly Tensor[], dimOf(0, first.ndim)) as R;
  if (!Array.isArray(first)) throw new ArgumentError('vmap: the function must return a Tensor or an array of Tensors');
  return (first as readonly Tensor[]).map((t, k) => {
    if (!isTensor(t)) throw new ArgumentError(`vmap: output ${k} of the function is not a Tensor`);
    return stack(
      results.map((r) => (r as readonly Tensor[])[k]!),
      dimOf(k, t.ndim),
    );
  }) as unknown as R;
}
