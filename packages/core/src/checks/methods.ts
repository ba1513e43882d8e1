import { checkMethods } from './checked.js';
import { parseSignature, type Param } from './kinds.js';
import { METHODS, OPS } from './signatures.js';

/**
 * The parameters of Tensor method `name`, after `this`: its line in METHODS, or else the line of
 * the op it is named for (`add`, or `add_` in place) without the op's first parameter. Undefined
 * for a method with no line (the argument-checks test names it).
 */
export function methodSignature(name: string): readonly Param[] | undefined {
  const own = METHODS[name];
  if (own !== undefined) return parseSignature(own);
  const ops = OPS as Record<string, string>;
  const op = ops[name] ?? (name.endsWith('_') ? ops[name.slice(0, -1)] : undefined);
  return op === undefined ? undefined : parseSignature(op).slice(1);
}

/** Puts every method of Tensor that has a signature behind its check (tensor.ts calls it once). */
export function checkTensorMethods(proto: object): void {
  checkMethods(proto, methodSignature);
}
