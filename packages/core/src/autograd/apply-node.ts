import type { Tensor } from '../tensor.js';
import { AutogradError } from '../errors.js';
import { isAnomalyEnabled } from './grad-mode.js';
import type { Node } from './node.js';

/** How the engine runs one node: as it is, or under anomaly mode's checks. */
export function applyNode(node: Node, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  return isAnomalyEnabled() ? applyChecked(node, grads) : node.apply(grads);
}

let warnedAsyncAnomaly = false;

/**
 * Anomaly mode: runs a node, naming it and its forward call site in any error, and throws
 * when it returns NaN or Inf. Values are read synchronously where the backend keeps them in
 * host memory (CPU); on async-only devices the value check is skipped with a warning.
 */
function applyChecked(node: Node, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  const where = node.traceback === null ? '' : `\nTraceback of forward call that caused the error:\n${node.traceback}`;
  let out: (Tensor | null)[];
  try {
    out = node.apply(grads);
  } catch (e) {
    if (e instanceof Error && where !== '') e.message += where;
    throw e;
  }
  for (let i = 0; i < out.length; i++) {
    const g = out[i];
    if (g === null || g === undefined || !g.isFloatingPoint()) continue;
    if (g.backend.readSync === undefined) {
      if (!warnedAsyncAnomaly) {
        warnedAsyncAnomaly = true;
        console.warn(
          `anomaly mode: device '${g.device}' has no synchronous read; NaN/Inf checks in backward are skipped there`,
        );
      }
      continue;
    }
    const values = g.toTypedArraySync();
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      if (Number.isFinite(v)) continue;
      const kind = Number.isNaN(v) ? 'nan' : 'inf';
      throw new AutogradError(`Function ${node.name} returned ${kind} values in its ${i}th output.${where}`);
    }
  }
  return out;
}
