import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { formatShape, shapesEqual } from '../shape.js';
import { ArgumentError, FormatError } from '../errors.js';

/** What a checked state dict loads: each own tensor with its new value, and the keys that differ. */
export interface CheckedStateDict {
  readonly pairs: [Tensor, Tensor][];
  readonly missingKeys: string[];
  readonly unexpectedKeys: string[];
}

/**
 * Module.loadStateDict's checks, all made before anything is copied and reported together as
 * PyTorch's "Error(s) in loading state_dict" (a FormatError): with `strict`, missing and
 * unexpected keys; always, a value that is not a live tensor or has another shape than `own`'s.
 */
export function checkStateDict(
  moduleName: string,
  own: Record<string, Tensor>,
  state: Record<string, Tensor>,
  strict: boolean,
): CheckedStateDict {
  if (typeof state !== 'object' || state === null || isTensor(state))
    throw new ArgumentError(
      `${moduleName}.loadStateDict: expected a state dict (tensors by name), got ${typeName(state)}`,
    );
  // Own keys only: a key such as 'constructor' or '__proto__' is not a parameter's name.
  const missingKeys = Object.keys(own).filter((k) => !Object.hasOwn(state, k));
  const unexpectedKeys = Object.keys(state).filter((k) => !Object.hasOwn(own, k));
  const problems: string[] = [];
  if (strict && missingKeys.length > 0)
    problems.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}.`);
  if (strict && unexpectedKeys.length > 0)
    problems.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}.`);
  const pairs: [Tensor, Tensor][] = [];
  for (const [k, mine] of Object.entries(own)) {
    if (!Object.hasOwn(state, k)) continue;
    const t: unknown = state[k];
    if (!isTensor(t)) problems.push(`value for ${k}: expected a Tensor, got ${typeName(t)}.`);
    else if (t.isDisposed) problems.push(`value for ${k}: the tensor was disposed.`);
    else if (!shapesEqual(mine.shape, t.shape)) {
      problems.push(
        `size mismatch for ${k}: copying a param with shape ${formatShape(t.shape)} from checkpoint, the shape in current model is ${formatShape(mine.shape)}.`,
      );
    } else pairs.push([mine, t]);
  }
  if (problems.length > 0)
    throw new FormatError(`Error(s) in loading state_dict for ${moduleName}:\n\t${problems.join('\n\t')}`);
  return { pairs, missingKeys, unexpectedKeys };
}

/** A value's class name (or type), as PyTorch names what it got. */
export function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object' || typeof x === 'function')
    return (x as { constructor?: { name?: string } }).constructor?.name ?? typeof x;
  return typeof x;
}
