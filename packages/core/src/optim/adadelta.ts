import type { Tensor } from '../tensor.js';
import { checkHyper } from './check.js';
import { Optimizer, type ParamState, type Params } from './optimizer.js';
import { ValueError } from '../errors.js';

export interface AdadeltaOptions {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * torch.optim.Adadelta: running means of squared gradients (v) and of squared updates (u) make
 * the step unit-consistent: delta = sqrt(u + eps) / sqrt(v + eps) g, p -= lr delta.
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: Params<AdadeltaOptions>, options: Partial<AdadeltaOptions> = {}) {
    const o: AdadeltaOptions = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false, ...options };
    checkHyper('Adadelta', o);
    if (!(o.rho >= 0 && o.rho <= 1))
      throw new ValueError(`Adadelta: invalid rho value ${o.rho}, expected one in [0, 1]`);
    super(params, o);
  }

  protected update(p: Tensor, grad: Tensor, state: ParamState, o: AdadeltaOptions): Tensor {
    let g = o.maximize ? grad.neg() : grad;
    if (o.weightDecay !== 0) g = g.add(p.mul(o.weightDecay));
    const gg = g.mul(g).mul(1 - o.rho);
    const v = state.squareAvg === undefined ? gg : (state.squareAvg as Tensor).mul(o.rho).add(gg);
    const u0 = state.accDelta as Tensor | undefined;
    const delta = (u0 === undefined ? p.mul(0) : u0).add(o.eps).sqrt().div(v.add(o.eps).sqrt()).mul(g);
    const dd = delta.mul(delta).mul(1 - o.rho);
    const u = u0 === undefined ? dd : u0.mul(o.rho).add(dd);
    Object.assign(state, { step: ((state.step as number | undefined) ?? 0) + 1, squareAvg: v, accDelta: u });
    return p.sub(delta.mul(o.lr));
  }
}
