/**
 * Whether ops record the autograd graph. Like PyTorch's grad mode it is global and
 * thread-local in spirit: JavaScript runs one op at a time, so a module variable suffices.
 * The scoped helpers run a synchronous function, and refuse an async one (see `scoped`).
 */
import { scoped } from './scoped.js';

let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

export function setGradEnabled(mode: boolean): void {
  enabled = mode;
}

function withGradMode<T>(op: string, mode: boolean, fn: () => T): T {
  return scoped(op, fn, () => {
    const previous = enabled;
    enabled = mode;
    return () => {
      enabled = previous;
    };
  });
}

/**
 * Runs `fn` without recording the graph: its results do not require grad (torch.no_grad).
 *
 * @example
 * ```ts example
 * import { noGrad, tensor } from '@ag/core';
 *
 * const x = tensor([1, 2], { requiresGrad: true });
 * console.log(noGrad(() => x.mul(2)).requiresGrad, x.mul(2).requiresGrad);
 * ```
 *
 * ```text
 * false true
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode('noGrad', false, fn);
}

/** Runs `fn` with the graph recorded, even inside `noGrad` (torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode('enableGrad', true, fn);
}

// ---- inference mode -------------------------------------------------------------------------

let inference = false;

/** Whether an `inferenceMode` scope is running. */
export function isInferenceModeEnabled(): boolean {
  return inference;
}

/**
 * Runs `fn` in inference mode (torch.inference_mode): no graph is recorded, and tensors created
 * inside are inference tensors, which autograd-recording ops refuse later (clone one first).
 */
export function inferenceMode<T>(fn: () => T): T {
  return scoped('inferenceMode', fn, () => {
    const previous = inference;
    const previousGrad = enabled;
    inference = true;
    enabled = false;
    return () => {
      inference = previous;
      enabled = previousGrad;
    };
  });
}

// ---- anomaly mode ---------------------------------------------------------------------------

let anomaly = false;

/** Whether anomaly detection is on (see {@link detectAnomaly}). */
export function isAnomalyEnabled(): boolean {
  return anomaly;
}

/**
 * Turns anomaly detection on or off globally (torch.autograd.set_detect_anomaly). While on,
 * each recorded node keeps the stack of its forward call, and backward throws when a node
 * returns NaN or Inf, naming the node and that stack. Slow: for debugging only.
 */
export function setDetectAnomaly(mode: boolean): void {
  anomaly = mode;
}

/** Runs `fn` with anomaly detection on (torch.autograd.detect_anomaly). */
export function detectAnomaly<T>(fn: () => T): T {
  return scoped('detectAnomaly', fn, () => {
    const previous = anomaly;
    anomaly = true;
    return () => {
      anomaly = previous;
    };
  });
}
