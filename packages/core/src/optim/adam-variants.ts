import type { Tensor } from '../tensor.js';
import { checkHyper } from './check.js';
import { Optimizer, type ParamState, type Params } from './optimizer.js';

/**
 * Adam's relatives (torch.optim.NAdam, RAdam, Adamax), each step as PyTorch's documented
 * algorithm: the same moment estimates, with Nesterov momentum (NAdam), a variance-rectified
 * step (RAdam) or the infinity norm in place of the second moment (Adamax).
 */

export interface AdamVariantOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** Weight decay applied to the parameter (AdamW's way) rather than added to the gradient. */
  decoupledWeightDecay: boolean;
  maximize: boolean;
}

export interface NAdamOptions extends AdamVariantOptions {
  /** psi, the momentum schedule's decay (4e-3). */
  momentumDecay: number;
}

/** The gradient with maximize and (coupled) weight decay applied, and the parameter decoupled decay shrank. */
function decayed(p: Tensor, grad: Tensor, o: AdamVariantOptions): [Tensor, Tensor] {
  const g = o.maximize ? grad.neg() : grad;
  if (o.weightDecay === 0) return [p, g];
  return o.decoupledWeightDecay ? [p.mul(1 - o.lr * o.weightDecay), g] : [p, g.add(p.mul(o.weightDecay))];
}

/** Advances the step count and both moments: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2. */
function moments(state: ParamState, g: Tensor, [b1, b2]: readonly [number, number]): [number, Tensor, Tensor] {
  const step = ((state.step as number | undefined) ?? 0) + 1;
  const m = state.expAvg === undefined ? g.mul(1 - b1) : (state.expAvg as Tensor).mul(b1).add(g.mul(1 - b1));
  const gg = g.mul(g).mul(1 - b2);
  const v = state.expAvgSq === undefined ? gg : (state.expAvgSq as Tensor).mul(b2).add(gg);
  Object.assign(state, { step, expAvg: m, expAvgSq: v });
  return [step, m, v];
}

function variantOptions<O extends AdamVariantOptions>(name: string, defaults: O, options: Partial<O>): O {
  const o = { ...defaults, ...options };
  checkHyper(name, o);
  return o;
}

const ADAM_DEFAULTS: AdamVariantOptions = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  decoupledWeightDecay: false,
  maximize: false,
};

/**
 * Adam with Nesterov momentum (torch.optim.NAdam): the momentum coefficient follows
 * mu_t = b1 (1 - 0.96^(t psi) / 2), and the step mixes the gradient and the moment:
 * lr (1 - mu_t) / (1 - prod mu) g / d + lr mu_(t+1) / (1 - prod mu * mu_(t+1)) m / d,
 * d = sqrt(v / (1 - b2^t)) + eps.
 */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: Params<NAdamOptions>, options: Partial<NAdamOptions> = {}) {
    const o = variantOptions('NAdam', { ...ADAM_DEFAULTS, lr: 2e-3, momentumDecay: 4e-3 }, options);
    super(params, o);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, o: NAdamOptions): Tensor {
    const [p, g] = decayed(param, grad, o);
    const [b1, b2] = o.betas;
    const [step, m, v] = moments(state, g, o.betas);
    const mu = b1 * (1 - 0.5 * 0.96 ** (step * o.momentumDecay));
    const muNext = b1 * (1 - 0.5 * 0.96 ** ((step + 1) * o.momentumDecay));
    const muProduct = ((state.muProduct as number | undefined) ?? 1) * mu;
    state.muProduct = muProduct;
    const denom = v
      .div(1 - b2 ** step)
      .sqrt()
      .add(o.eps);
    return p
      .sub(g.div(denom).mul((o.lr * (1 - mu)) / (1 - muProduct)))
      .sub(m.div(denom).mul((o.lr * muNext) / (1 - muProduct * muNext)));
  }
}

/**
 * Rectified Adam (torch.optim.RAdam): while the variance of the adaptive rate is intractable
 * (rho_t <= 5, the first steps) the step is the bias-corrected momentum alone; after, Adam's step
 * times the rectification sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t)).
 */
export class RAdam extends Optimizer<AdamVariantOptions> {
  constructor(params: Params<AdamVariantOptions>, options: Partial<AdamVariantOptions> = {}) {
    super(params, variantOptions('RAdam', ADAM_DEFAULTS, options));
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, o: AdamVariantOptions): Tensor {
    const [p, g] = decayed(param, grad, o);
    const [b1, b2] = o.betas;
    const [step, m, v] = moments(state, g, o.betas);
    const mHat = m.div(1 - b1 ** step);
    const bc2 = 1 - b2 ** step;
    const rhoInf = 2 / (1 - b2) - 1;
    const rho = rhoInf - (2 * step * b2 ** step) / bc2;
    if (rho <= 5) return p.sub(mHat.mul(o.lr));
    const rect = Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho));
    return p.sub(mHat.div(v.sqrt().add(o.eps)).mul(o.lr * rect * Math.sqrt(bc2)));
  }
}

export type AdamaxOptions = Omit<AdamVariantOptions, 'decoupledWeightDecay'>;

/**
 * Adam with the infinity norm (torch.optim.Adamax): u = max(b2 u, |g| + eps) replaces the second
 * moment, and the step is lr / (1 - b1^t) m / u.
 */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: Params<AdamaxOptions>, options: Partial<AdamaxOptions> = {}) {
    const o: AdamaxOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false, ...options };
    checkHyper('Adamax', o);
    super(params, o);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, o: AdamaxOptions): Tensor {
    const [p, g] = decayed(param, grad, { ...o, decoupledWeightDecay: false });
    const [b1, b2] = o.betas;
    const step = ((state.step as number | undefined) ?? 0) + 1;
    const m = state.expAvg === undefined ? g.mul(1 - b1) : (state.expAvg as Tensor).mul(b1).add(g.mul(1 - b1));
    const bound = g.abs().add(o.eps);
    const u = state.expInf === undefined ? bound : (state.expInf as Tensor).mul(b2).maximum(bound);
    Object.assign(state, { step, expAvg: m, expInf: u });
    return p.sub(m.div(u).mul(o.lr / (1 - b1 ** step)));
  }
}
