import type { Tensor } from '@ag/core';
import type { TensorSummary } from './messages.js';

/**
 * A tensor as the graph view shows it. Values are read with `repr()`, which is asynchronous on
 * WebGPU; where a caller cannot wait (inside a backward hook), {@link summarizeNow} gives the
 * repr only where the values are in host memory.
 */
export async function summarize(t: Tensor): Promise<TensorSummary> {
  return { ...describe(t), repr: t.isDisposed ? null : await t.repr() };
}

/** {@link summarize} without waiting: `repr` is null where values are read only asynchronously. */
export function summarizeNow(t: Tensor): TensorSummary {
  return { ...describe(t), repr: readableNow(t) ? t.toString() : null };
}

/** Whether `t`'s values can be read synchronously (a CPU tensor, not disposed). */
export function readableNow(t: Tensor): boolean {
  return !t.isDisposed && t.backend.readSync !== undefined;
}

function describe(t: Tensor): Omit<TensorSummary, 'repr'> {
  return { shape: [...t.shape], dtype: t.dtype, requiresGrad: t.requiresGrad };
}
