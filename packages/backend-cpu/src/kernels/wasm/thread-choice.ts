/**
 * Whether a large product should use the worker threads, learned from the products before it.
 *
 * On an idle machine two threads run a large product nearly twice as fast as one. On a busy one
 * they can be slower: when the process gets about one core's worth of time, its threads take turns
 * on it, each chunk of the product packs its operands again, and the main thread may wait for a
 * descheduled worker. So adaptive callers keep the recent throughput of each mode (multiply-adds
 * per millisecond, smoothed), use the faster one, and try the other every EXPLORE_EVERY products
 * in case the machine has changed.
 */

export interface ThreadChoice {
  /** Smoothed throughput on one thread, on several; undefined until measured. */
  readonly one?: number;
  readonly many?: number;
  /** Large products since the slower mode was last tried. */
  readonly sinceTry: number;
}

export const FRESH_CHOICE: ThreadChoice = { sinceTry: 0 };
const EXPLORE_EVERY = 8;
/** Weight of the newest measurement: high, so a change of load is followed within a few products. */
const SMOOTHING = 0.5;

/** Whether the next large product should use threads: each mode is measured once, then the faster, with a try of the slower now and then. */
export function preferThreads(s: ThreadChoice): boolean {
  if (s.many === undefined) return true;
  if (s.one === undefined) return false;
  const faster = s.many >= s.one;
  return s.sinceTry >= EXPLORE_EVERY ? !faster : faster;
}

/** The choice after a large product ran `threaded` (or not) at `rate` multiply-adds per millisecond. */
export function recordRate(s: ThreadChoice, threaded: boolean, rate: number): ThreadChoice {
  const smooth = (old: number | undefined): number => (old === undefined ? rate : old + SMOOTHING * (rate - old));
  const triedSlower = s.one !== undefined && s.many !== undefined && threaded !== s.many >= s.one;
  return {
    one: threaded ? s.one : smooth(s.one),
    many: threaded ? smooth(s.many) : s.many,
    sinceTry: triedSlower ? 0 : s.sinceTry + 1,
  };
}
