import type { Backend } from '../backend/backend.js';
import type { DType } from '../dtype.js';

/**
 * What `memory()` counts: live storages and their bytes, per backend. A storage is counted when
 * core can see it freed: by `dispose()`, or through the FinalizationRegistry entry that backends
 * with a `free` get anyway (storage.ts). Counting those costs two additions; core arranges no
 * finalizer of its own on the default path, because one costs about a microsecond per storage,
 * as much as a whole scalar op. Storages the collector reclaims unseen (the CPU's) are counted
 * as `unwatched` instead, until {@link recordHistory} watches every storage made after it.
 */

/** One backend's figures. */
export interface Counts {
  storages: number;
  bytes: number;
  /** Storages made that no one watches: their frees are unseen, so they are not in the counts. */
  unwatched: number;
}

/** A storage core watches: what it counted, what to free if it is collected undisposed. */
export interface Watched {
  readonly counts: Counts;
  readonly bytes: number;
  /** The backend to free `handle` on when the storage is collected, or null (the collector reclaims it). */
  readonly freeOn: Backend | null;
  readonly handle: unknown;
  /** The stack where it was made (history recorded with stacks), or null. */
  readonly stack: string | null;
  done: boolean;
}

/** Bytes per element of each dtype's storage. */
const ELEMENT_BYTES: Record<DType, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int32: 4,
  uint8: 1,
  int8: 1,
  bool: 1,
};

/** Bytes per element of `dtype`'s storage. */
export function elementBytes(dtype: DType): number {
  return ELEMENT_BYTES[dtype];
}

const counts = new Map<string, Counts>();
// Ops mostly make storages on one backend in a row: one comparison instead of a map look-up.
let lastBackend: Backend | null = null;
let lastCounts: Counts | null = null;

function countsOf(backend: Backend): Counts {
  if (backend === lastBackend) return lastCounts!;
  let c = counts.get(backend.name);
  if (c === undefined) {
    c = { storages: 0, bytes: 0, unwatched: 0 };
    counts.set(backend.name, c);
  }
  lastBackend = backend;
  lastCounts = c;
  return c;
}

/** Every backend's figures so far, by name. */
export function allCounts(): ReadonlyMap<string, Readonly<Counts>> {
  return counts;
}

/** Whether new storages are watched and, if so, whether their stacks are kept. */
const history = { recording: false, stacks: false, stacksEver: false };
/** The watched storages that carry a stack, while history is recorded: what a leak report lists. */
const withStacks = new Set<Watched>();

/** See `memory.recordHistory`. */
export function recordHistory(enabled: boolean, stacks: boolean): void {
  history.recording = enabled;
  history.stacks = enabled && stacks;
  history.stacksEver ||= history.stacks;
}

/** Whether stacks were ever recorded (else a leak report has nothing to go on). */
export function stacksRecorded(): boolean {
  return history.stacksEver;
}

/** The live storages that carry a stack. */
export function stackedStorages(): Iterable<Watched> {
  return withStacks;
}

/**
 * Counts a new storage of `size` elements. Returns the record to settle when it is freed, or
 * null where nothing watches it (the caller registers the record with its FinalizationRegistry).
 * `freeOnCollect`: the backend wants `free` called when the storage is collected undisposed.
 */
export function watch(
  backend: Backend,
  handle: unknown,
  dtype: DType,
  size: number,
  freeOnCollect: boolean,
): Watched | null {
  const c = countsOf(backend);
  if (!freeOnCollect && !history.recording) {
    c.unwatched++;
    return null;
  }
  const bytes = size * elementBytes(dtype);
  c.storages++;
  c.bytes += bytes;
  const w: Watched = {
    counts: c,
    bytes,
    freeOn: freeOnCollect ? backend : null,
    handle: freeOnCollect ? handle : null,
    stack: history.stacks ? captureStack() : null,
    done: false,
  };
  if (w.stack !== null) withStacks.add(w);
  return w;
}

/** Keeps `w` counted but out of leak reports: a storage core itself keeps (the scalar cache). */
export function unlist(w: Watched): void {
  withStacks.delete(w);
}

/** The storage of `w` was freed (disposed, or collected: then its backend frees it too). */
export function settle(w: Watched, collected: boolean): void {
  if (w.done) return;
  w.done = true;
  w.counts.storages--;
  w.counts.bytes -= w.bytes;
  if (w.stack !== null) withStacks.delete(w);
  if (collected) w.freeOn?.free?.(w.handle);
}

/**
 * The current stack as text. Formatted at once: an Error kept unformatted holds the receivers
 * of its frames (the tensors an op was called on), which would keep them alive. Deep enough to
 * get past core's own frames (a layer's forward runs a dozen of them) to the user's.
 */
function captureStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack;
}
