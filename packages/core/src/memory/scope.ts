import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { ArgumentError } from '../errors.js';

/** Where a scope collects its tensors: an array (tidy) or the autograd engine's own list. */
interface Collector {
  push(t: Tensor): unknown;
}

/**
 * `tidy(fn)`: every tensor made while `fn` runs is disposed when it returns, except the tensors
 * it returns (found in a returned tensor, array or plain object) and tensors marked with
 * `keep`. Disposing releases device memory at once rather than when the garbage collector
 * runs (which stays the backstop). Gradients written to `.grad`, optimizer state, parameters and
 * internal constants are kept automatically. Like tfjs's `tidy`, `fn` must be synchronous.
 */
const scopes: Collector[] = [];
const kept = new WeakSet<Tensor>();

/** Called by every new tensor: it belongs to the innermost open scope. */
export function track(t: Tensor): void {
  // Checked before indexing: `scopes[-1]` (no scope open, the usual case outside `tidy`) is
  // not an array element but a property look-up by the name "-1", which V8 does slowly.
  const n = scopes.length;
  if (n !== 0) scopes[n - 1]!.push(t);
}

/** Exempts a tensor from disposal by the scopes around it. */
export function keep<T extends Tensor>(t: T): T {
  kept.add(t);
  return t;
}

/** Whether `t` was marked with {@link keep}. */
export function isKept(t: Tensor): boolean {
  return kept.has(t);
}

/**
 * @internal For the autograd engine, which frees a node's temporaries itself: until
 * {@link closeScope}, every new tensor is pushed onto `into` (and no outer scope sees it).
 */
export function openScope(into: Collector): void {
  scopes.push(into);
}

/** @internal Closes the scope {@link openScope} opened last. */
export function closeScope(): void {
  scopes.pop();
}

function returned(value: unknown, out: Set<Tensor>): void {
  if (isTensor(value)) out.add(value);
  else if (Array.isArray(value)) for (const v of value) returned(v, out);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) returned(v, out);
  }
}

/**
 * Runs `fn` (synchronous) and disposes every tensor made inside it, except those it returns (alone,
 * or in an array or a plain object) and those passed to {@link keep}.
 *
 * @example
 * ```ts example
 * import { ones, tidy, type Tensor } from '@ag/core';
 *
 * const made: Tensor[] = [];
 * const y = tidy(() => {
 *   const a = ones([2]).add(1);
 *   made.push(a);
 *   return a.mul(2);
 * });
 * console.log(y, made.map((t) => t.isDisposed));
 * ```
 *
 * ```text
 * tensor([4., 4.]) [ true ]
 * ```
 */
export function tidy<T>(fn: () => T): T {
  const scope: Tensor[] = [];
  scopes.push(scope);
  const survivors = new Set<Tensor>();
  try {
    const result = fn();
    if (result instanceof Promise)
      throw new ArgumentError(
        'tidy: fn must be synchronous (it returned a Promise); tensors made after an await would escape the scope',
      );
    returned(result, survivors);
    return result;
  } finally {
    scopes.pop();
    for (const t of scope) {
      if (survivors.has(t) || kept.has(t)) track(t);
      else t.dispose();
    }
  }
}
