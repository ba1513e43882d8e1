import type { Slot } from './buffer-pool.js';
import { MAIN, PRELUDE } from './wgsl/prelude.js';

/** A slot's words into another slot (metadata: the word count). */
const COPY_WORDS = [
  PRELUDE,
  '@group(1) @binding(1) var<storage, read> src: array<u32>;',
  '@group(1) @binding(2) var<storage, read_write> dst: array<u32>;',
  MAIN,
  '  dst[i] = src[i];',
  '}',
].join('\n');

type Run = (name: string, source: string, slots: readonly Slot[], meta: readonly number[], threads: number) => void;

/**
 * Tensor bindings are all writable (pipelines.ts says why), and WebGPU forbids two writable
 * bindings of overlapping ranges in one dispatch, so a slot bound twice (`x.add(x)`) is bound
 * as itself once and as a copy after that. Returns `slots` itself when none repeats (nearly
 * always), else the slots to bind and the copies, which the caller releases once the dispatch
 * is recorded (the batch runs it before any later use of their slots).
 */
export function withoutRepeats(
  slots: readonly Slot[],
  acquire: (bytes: number) => Slot,
  run: Run,
): { readonly slots: readonly Slot[]; readonly copies: readonly Slot[] } | null {
  if (!hasRepeat(slots)) return null;
  const seen = new Set<Slot>();
  const copies: Slot[] = [];
  const bound = slots.map((s) => {
    if (!seen.has(s)) {
      seen.add(s);
      return s;
    }
    const c = acquire(s.size);
    run('copyWords', COPY_WORDS, [s, c], [s.size / 4], s.size / 4);
    copies.push(c);
    return c;
  });
  return { slots: bound, copies };
}

function hasRepeat(slots: readonly Slot[]): boolean {
  for (let i = 1; i < slots.length; i++) for (let j = 0; j < i; j++) if (slots[i] === slots[j]) return true;
  return false;
}
