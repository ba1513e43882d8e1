import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import type { DType } from '../dtype.js';
import { isFloating } from '../dtype.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkDtypeOnDevice } from './dispatch.js';
import { ArgumentError, DTypeError, ValueError } from '../errors.js';

/** What every factory (creation.ts, random.ts) reads: where the tensor lives, its dtype, grad. */
export interface CreationOptions {
  /** float32 by default for numbers, bool for booleans; a typed array keeps its own. */
  dtype?: DType;
  /** A registered device name; the default device when absent. */
  device?: string;
  requiresGrad?: boolean;
}

export function finish(t: Tensor, options: CreationOptions | undefined): Tensor {
  if (options?.requiresGrad === true) t.requiresGrad_(true);
  return t;
}

export function target(
  op: string,
  options: CreationOptions | undefined,
  fallback: DType,
): { backend: Backend; dtype: DType } {
  const backend = getBackend(options?.device);
  const dtype = options?.dtype ?? fallback;
  // The dtype's own rule first: it holds on every device.
  if (options?.requiresGrad === true && !isFloating(dtype)) {
    throw new DTypeError(`${op}: only tensors of floating point dtype can require gradients, got dtype ${dtype}`);
  }
  checkDtypeOnDevice(op, backend, dtype);
  return { backend, dtype };
}

export function checkShape(op: string, shape: readonly number[]): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new ValueError(`${op}: sizes must be non-negative integers, got ${formatShape(shape)}`);
  }
}

/**
 * A factory's shape and options, as PyTorch takes the shape: one array (`zeros([2, 3])`) or
 * separate sizes (`zeros(2, 3)`), then the options object, last.
 */
export type SizeArgs<O> = [shape: readonly number[], options?: O] | number[] | [...sizes: number[], options: O];

export function sizeArgs<O extends object>(
  op: string,
  args: SizeArgs<O>,
): { shape: readonly number[]; options: O | undefined } {
  const list: readonly unknown[] = args;
  let n = list.length;
  while (n > 0 && list[n - 1] === undefined) n--;
  const last = list[n - 1];
  const options = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as O) : undefined;
  if (options !== undefined) n--;
  const sizes = list.slice(0, n);
  const first = sizes[0];
  if (n === 1 && Array.isArray(first)) return { shape: first as readonly number[], options };
  if (!sizes.every((s) => typeof s === 'number')) {
    throw new ArgumentError(
      `${op}: expected the shape as one array of sizes or as separate sizes, then the options; got ${sizes.map((s) => (Array.isArray(s) ? `[${s.join(', ')}]` : String(s))).join(', ')}`,
    );
  }
  return { shape: sizes, options };
}
