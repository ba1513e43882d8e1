import { wrap } from '../ops/dispatch.js';
import type { Tensor } from '../tensor.js';
import type { AdamOptions } from './adam.js';
import type { ParamState } from './optimizer.js';

/**
 * Adam's step through the backend's optional fused kernel (Kernels.adam), one pass over the
 * parameter where the composed update makes a dozen ops: the new parameter, with the moments
 * put into `state` as the composed update does; null where the kernel is missing or the
 * operands do not suit it (AMSGrad, other dtypes), and the composed update runs.
 */
export function fusedAdam(
  p: Tensor,
  grad: Tensor,
  state: ParamState,
  o: AdamOptions,
  decoupled: boolean,
): Tensor | null {
  const b = p.backend;
  const k = b.kernels;
  const m = (state.expAvg as Tensor | undefined) ?? null;
  const v = (state.expAvgSq as Tensor | undefined) ?? null;
  if (
    k.adam === undefined ||
    o.amsgrad ||
    (p.dtype !== 'float32' && p.dtype !== 'float64') ||
    grad.dtype !== p.dtype ||
    grad.backend !== b ||
    (m !== null && m.dtype !== p.dtype) ||
    (v !== null && v.dtype !== p.dtype)
  )
    return null;
  const step = ((state.step as number | undefined) ?? 0) + 1;
  const [b1, b2] = o.betas;
  const h = {
    lr: o.lr,
    beta1: b1,
    beta2: b2,
    eps: o.eps,
    weightDecay: o.weightDecay,
    decoupled,
    maximize: o.maximize,
    step,
  };
  const [pNew, mNew, vNew] = k.adam(p, grad, m, v, h);
  state.step = step;
  state.expAvg = wrap(b, mNew, p.shape, p.dtype);
  state.expAvgSq = wrap(b, vNew, p.shape, p.dtype);
  return wrap(b, pNew, p.shape, p.dtype);
}
