import { ArgumentError, ValueError } from '../errors.js';

/**
 * The hyperparameters that are never negative, with the words PyTorch's constructor messages use
 * for them. A field an optimizer does not have is absent and not checked.
 */
const NON_NEGATIVE: Readonly<Record<string, string>> = {
  lr: 'learning rate',
  eps: 'epsilon value',
  weightDecay: 'weightDecay value',
  momentum: 'momentum value',
  alpha: 'alpha value',
  lrDecay: 'lrDecay value',
  initialAccumulatorValue: 'initialAccumulatorValue',
  momentumDecay: 'momentumDecay value',
};

/**
 * The hyperparameter checks PyTorch's optimizers make in their constructors, with its wording:
 * a learning rate, epsilon, weight decay, momentum and the like are non-negative numbers, betas
 * two numbers in [0, 1). A value that is not a number is an ArgumentError, one out of range a
 * ValueError. Also run on every parameter group, whose overrides are hyperparameters too.
 */
export function checkHyper(name: string, o: object): void {
  const h = o as Record<string, unknown>;
  for (const [key, words] of Object.entries(NON_NEGATIVE)) {
    const v = h[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') throw new ArgumentError(`${name}: expected ${key} to be a number, got ${describe(v)}`);
    if (!(v >= 0))
      throw new ValueError(`${name}: invalid ${words} ${v}, expected ${key === 'lr' ? 'a number ' : ''}>= 0`);
  }
  const betas = h.betas;
  if (betas === undefined) return;
  if (!Array.isArray(betas) || betas.length !== 2 || !betas.every((b) => typeof b === 'number'))
    throw new ArgumentError(`${name}: expected betas to be two numbers, got ${describe(betas)}`);
  betas.forEach((b: number, i) => {
    if (!(b >= 0 && b < 1))
      throw new ValueError(`${name}: invalid beta parameter at index ${i}: ${b}, expected one in [0, 1)`);
  });
}

/** A value as an error message shows it: an array's items, else its type. */
export function describe(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'number' ? String(x) : typeof x)).join(', ')}]`;
  return v === null ? 'null' : typeof v;
}

/**
 * A number argument of a scheduler or optimizer: an ArgumentError if it is not a number, a
 * ValueError if `ok` refuses it, both saying what was `expected` ("a positive integer").
 */
export function checkNumber(
  name: string,
  what: string,
  v: unknown,
  ok: (v: number) => boolean,
  expected: string,
): void {
  if (typeof v !== 'number') throw new ArgumentError(`${name}: expected ${what} to be ${expected}, got ${describe(v)}`);
  if (!ok(v)) throw new ValueError(`${name}: expected ${what} to be ${expected}, got ${v}`);
}

export const isPositiveInteger = (v: number): boolean => Number.isInteger(v) && v > 0;
export const isNonNegativeInteger = (v: number): boolean => Number.isInteger(v) && v >= 0;
export const isFiniteNonNegative = (v: number): boolean => Number.isFinite(v) && v >= 0;
