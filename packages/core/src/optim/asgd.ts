import type { Tensor } from '../tensor.js';
import { checkHyper } from './check.js';
import { Optimizer, type ParamState, type Params } from './optimizer.js';

export interface ASGDOptions {
  lr: number;
  /** The decay term. */
  lambd: number;
  /** The power of the rate's decay. */
  alpha: number;
  /** The step at which averaging starts. */
  t0: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * Averaged SGD (torch.optim.ASGD): p = p (1 - lambd eta) - eta g with the rate
 * eta_t = lr / (1 + lambd lr t)^alpha, and `ax`, the running average of the parameter from step t0
 * on (weight mu_t = 1 / max(1, t - t0)), kept in the state as PyTorch keeps it.
 */
export class ASGD extends Optimizer<ASGDOptions> {
  constructor(params: Params<ASGDOptions>, options: Partial<ASGDOptions> = {}) {
    const o: ASGDOptions = { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false, ...options };
    checkHyper('ASGD', o);
    super(params, o);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, o: ASGDOptions): Tensor {
    let g = o.maximize ? grad.neg() : grad;
    if (o.weightDecay !== 0) g = g.add(param.mul(o.weightDecay));
    const step = ((state.step as number | undefined) ?? 0) + 1;
    const eta = (state.eta as number | undefined) ?? o.lr;
    const mu = (state.mu as number | undefined) ?? 1;
    const p = param.mul(1 - o.lambd * eta).sub(g.mul(eta));
    const ax = mu === 1 || state.ax === undefined ? p.clone() : (state.ax as Tensor).add(p.sub(state.ax).mul(mu));
    Object.assign(state, {
      step,
      ax,
      eta: o.lr / (1 + o.lambd * o.lr * step) ** o.alpha,
      mu: 1 / Math.max(1, step - o.t0),
    });
    return p;
  }
}
