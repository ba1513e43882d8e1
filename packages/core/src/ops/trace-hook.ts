import type { Tensor } from '../tensor.js';
import { ValueError } from '../errors.js';

/**
 * Where an op tracer (onnx/tracer.ts) listens: `defineOp`, the one way an op is defined, tells
 * the active tracer about each op it records. Kept apart from the tracer so that ops import no
 * exporter, and a program that never exports pays one null check per op.
 */
export interface OpTracer {
  /** An op's result and what made it: its grad_fn name, inputs and the attributes its backward gets. */
  record(name: string, inputs: readonly Tensor[], output: Tensor, attrs: unknown): void;
  /**
   * Whether the composite op `name` is recorded as one op (its forward runs unseen), or its
   * forward's own ops are recorded instead (an op the exporter maps only through its parts).
   */
  mapsWhole(name: string): boolean;
}

let active: OpTracer | null = null;
let paused = 0;

/** The tracer that ops report to now, or null (no trace running, or inside a whole-recorded op). */
export function activeTracer(): OpTracer | null {
  return paused === 0 ? active : null;
}

/** Runs `fn` with `tracer` hearing every op; traces do not nest. */
export function withTracer<T>(tracer: OpTracer, fn: () => T): T {
  if (active !== null) throw new ValueError('onnx.export: a trace is already running (exports do not nest)');
  active = tracer;
  try {
    return fn();
  } finally {
    active = null;
  }
}

/** Runs `fn` unheard: the ops inside a composite op recorded whole. */
export function unheard<T>(fn: () => T): T {
  paused++;
  try {
    return fn();
  } finally {
    paused--;
  }
}
