import type { DType, TypedArray, TypedArrayOf } from '@ag/core';
import { allocHost, storageConstructor } from '@ag/core';

/** The pool's key: the typed array kind, which dtypes share (bool and uint8, float16 and bfloat16). */
type ArrayKind = new (length: number) => TypedArray;

/** Arrays shorter than this are left to the garbage collector (see {@link BufferPool}). */
export const MIN_POOLED_LENGTH = 1024;

/**
 * Freed typed arrays kept for reuse, by dtype and length. A fresh large typed array is cheap to
 * create but slow to fill: its pages are first touched by the kernel's loop, which costs several
 * times the arithmetic of filling a reused array (docs/performance.md). Outputs of
 * kernels and tensors disposed through the backend's `free` come back here.
 *
 * Small arrays are not kept: V8 allocates them cheaply, and a pool entry would cost more than it
 * saves. The total kept is bounded; past the bound a freed array is left to the garbage collector.
 */
export class BufferPool {
  private readonly lists = new Map<ArrayKind, Map<number, TypedArray[]>>();
  /** Everything in the lists, so that an array given twice is kept once (it would be handed out twice). */
  private readonly members = new Set<TypedArray>();
  private held = 0;

  constructor(
    readonly maxBytes = 256 * 1024 * 1024,
    readonly minLength = MIN_POOLED_LENGTH,
  ) {}

  /** Bytes held for reuse. */
  get bytes(): number {
    return this.held;
  }

  /** Arrays held for reuse. */
  get arrays(): number {
    return this.members.size;
  }

  /** An array of `length` elements of `dtype` whose values are unspecified: the caller writes every one. */
  take<D extends DType>(dtype: D, length: number): TypedArrayOf[D] {
    return this.reuse(dtype, length) ?? allocHost(dtype, length);
  }

  /** An array of `length` zeros, for kernels that accumulate into their output. */
  takeZeroed<D extends DType>(dtype: D, length: number): TypedArrayOf[D] {
    // A fresh array is already zeros; a reused one is zeroed here (a memset, cheap on warm pages).
    const reused = this.reuse(dtype, length);
    if (reused === undefined) return allocHost(dtype, length);
    reused.fill(0);
    return reused;
  }

  private reuse<D extends DType>(dtype: D, length: number): TypedArrayOf[D] | undefined {
    if (length < this.minLength) return undefined; // never kept: skip the lookups (scalar ops are hot)
    const reused = this.lists.get(storageConstructor(dtype))?.get(length)?.pop();
    if (reused === undefined) return undefined;
    this.members.delete(reused);
    this.held -= reused.byteLength;
    return reused as TypedArrayOf[D];
  }

  /** Keeps `a` for reuse; the caller must hold no reference to it any more. */
  give(a: TypedArray): void {
    const bytes = a.byteLength;
    if (a.length < this.minLength || this.held + bytes > this.maxBytes || this.members.has(a)) return;
    // Only arrays that own their whole buffer: a window on a larger buffer is not ours to reuse.
    if (a.byteOffset !== 0 || a.buffer.byteLength !== bytes) return;
    const kind = a.constructor as ArrayKind;
    let byLength = this.lists.get(kind);
    if (byLength === undefined) {
      byLength = new Map();
      this.lists.set(kind, byLength);
    }
    let list = byLength.get(a.length);
    if (list === undefined) {
      list = [];
      byLength.set(a.length, list);
    }
    list.push(a);
    this.members.add(a);
    this.held += bytes;
  }

  /** Drops every kept array. */
  clear(): void {
    for (const byLength of this.lists.values()) byLength.clear();
    this.members.clear();
    this.held = 0;
  }
}

/** The pool every CPU kernel allocates from and every CPU backend frees into. */
export const pool = new BufferPool();
