import type { Tensor } from './tensor.js';

/**
 * The brand every Tensor carries on its prototype. A registered symbol (`Symbol.for`) rather than
 * a class check, so that tensors made by a second copy of @ag/core (a bundle beside
 * node_modules, two versions in one tree) are still recognised, where `instanceof` would fail.
 */
export const TENSOR_BRAND: unique symbol = Symbol.for('ag.tensor');

/** Whether `x` is a Tensor (or a subclass, such as nn's Parameter), from any copy of @ag/core. */
export function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && (x as { [TENSOR_BRAND]?: unknown })[TENSOR_BRAND] === true;
}
