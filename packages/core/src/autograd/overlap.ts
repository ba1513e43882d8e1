import type { Tensor } from '../tensor.js';
import { noGrad } from './grad-mode.js';
import { ValueError } from '../errors.js';

/**
 * PyTorch's memory-overlap checks for writes (ATen's MemoryOverlap.cpp), in elements of a
 * storage: a write must not go to several elements at one memory location, nor read from a
 * tensor that partly overlaps what it writes, where the result would depend on the order of
 * the writes.
 */

/** PyTorch's assert_no_internal_overlap: `t` must not have several elements at one location (an expanded view). */
export function checkNoInternalOverlap(op: string, t: Tensor): void {
  // An empty tensor writes nothing (its contiguous strides can be 0 before an empty dim).
  if (t.numel() === 0) return;
  for (let i = 0; i < t.ndim; i++) {
    if (t.strides[i] === 0 && t.shape[i]! > 1) {
      throw new ValueError(
        `${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.`,
      );
    }
  }
}

/**
 * The tensor to write into `t`, given the values `value`: itself, unless it reads t's storage
 * (copy_ from a view of the same base gives such values). Then PyTorch's rules: the same
 * elements are nothing to write (null); a dense tensor partly overlapping t is an error
 * (assert_no_partial_overlap); any other layout is copied first, so that no kernel reads what it
 * writes.
 */
export function writableValues(op: string, t: Tensor, value: Tensor): Tensor | null {
  if (value._store !== t._store || t.numel() === 0 || value.numel() === 0) return value;
  if (value.offset === t.offset && sameLayout(value, t)) return null;
  if (isNonOverlappingAndDense(t) && isNonOverlappingAndDense(value)) {
    const aEnd = t.offset + t.numel();
    const bEnd = value.offset + value.numel();
    if (t.offset < bEnd && value.offset < aEnd) {
      throw new ValueError(
        `${op}: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.`,
      );
    }
  }
  return noGrad(() => value.detach().clone());
}

function sameLayout(a: Tensor, b: Tensor): boolean {
  if (a.ndim !== b.ndim) return false;
  for (let i = 0; i < a.ndim; i++) {
    if (a.shape[i] !== b.shape[i] || (a.shape[i] !== 1 && a.strides[i] !== b.strides[i])) return false;
  }
  return true;
}

/** Whether `t`'s elements fill a block of memory one each, in some order of dims (PyTorch's is_non_overlapping_and_dense). */
function isNonOverlappingAndDense(t: Tensor): boolean {
  const dims = t.shape.map((_, i) => i).filter((i) => t.shape[i] !== 1);
  dims.sort((i, j) => t.strides[i]! - t.strides[j]!);
  let expected = 1;
  for (const i of dims) {
    if (t.strides[i] !== expected) return false;
    expected *= t.shape[i]!;
  }
  return true;
}
