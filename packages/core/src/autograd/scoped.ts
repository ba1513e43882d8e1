import { ArgumentError } from '../errors.js';
/**
 * The scopes of the modes (grad mode, inference mode, anomaly mode, saved-tensor hooks): a
 * module variable set for the time a synchronous callback runs, since JavaScript has no
 * `with` block.
 */

/**
 * Runs `fn` with a mode that `enter` sets and the function it returns restores. JavaScript has
 * no context that follows an `await` (Python's `with` has no such gap: its block is all run
 * inside), so an async `fn` would run its first part in the mode and the rest outside it,
 * silently: it is refused, before it runs when it is declared `async`, otherwise when it returns
 * a promise.
 */
export function scoped<T>(op: string, fn: () => T, enter: () => () => void): T {
  if (typeof fn !== 'function') throw new ArgumentError(`${op}: expected a function, got ${typeof fn}`);
  if (fn.constructor.name === 'AsyncFunction') throw asyncError(op);
  const restore = enter();
  let result: T;
  try {
    result = fn();
  } finally {
    restore();
  }
  if (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function') {
    // The error below reports the misuse; the promise's own rejection would only repeat it.
    (result as unknown as PromiseLike<unknown>).then(undefined, () => undefined);
    throw asyncError(op);
  }
  return result;
}

/** What an async function gets where a synchronous one must be passed. */
export function asyncError(op: string): TypeError {
  return new ArgumentError(
    `${op}: the function is async, but the mode it sets would end at its first \`await\` and the rest ` +
      `would run outside it. Pass a synchronous function (await what it needs before calling ${op}, ` +
      `or call ${op} around each synchronous part).`,
  );
}
