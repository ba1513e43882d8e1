import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { grad } from './functional.js';

/**
 * J v of the recorded `out` at `inputs` for `tangents` (one per input), by the double-backward
 * trick: g = J^T u for a free u is linear in u, so the gradient of g against u, fed v, is J v.
 * Zeros when an input reaches `out` but not through u (J is zero), null when none reaches it.
 * The graph of `out` is kept. Shared by jvp and forward AD's unpackDual (a module of its own: the
 * autograd namespace exports every function of functional.ts); run in grad mode.
 */
export function jvpOf(out: Tensor, inputs: readonly Tensor[], tangents: readonly Tensor[]): Tensor | null {
  const u = zerosLike(out).requiresGrad_(true);
  const gs = grad(out, inputs, { gradOutputs: u, createGraph: true, allowUnused: true });
  const used = gs.flatMap((g, i) => (g !== null && g.requiresGrad ? [i] : []));
  if (used.length === 0) return gs.some((g) => g !== null) ? zerosLike(out) : null;
  const [jv] = grad(
    used.map((i) => gs[i]!),
    [u],
    { gradOutputs: used.map((i) => tangents[i]!), allowUnused: true },
  );
  return jv ?? zerosLike(out);
}
