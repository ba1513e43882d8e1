import type { Tensor } from '../tensor.js';
import { Optimizer, type ParamState, type Params } from './optimizer.js';
import { checkHyper } from './check.js';
import { fusedAdam } from './adam-fused.js';
import { StepScalars } from './step-scalars.js';

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/**
 * Adam's update (torch.optim.Adam), with `decoupled` weight decay for AdamW: bias-corrected
 * first and second moments, optional AMSGrad maximum of the second moment.
 */
function adamUpdate(
  p: Tensor,
  grad: Tensor,
  state: ParamState,
  o: AdamOptions,
  decoupled: boolean,
  scalars: StepScalars,
): Tensor {
  const fused = fusedAdam(p, grad, state, o, decoupled);
  if (fused !== null) return fused;
  const [b1, b2] = o.betas;
  let g = o.maximize ? grad.neg() : grad;
  let param = p;
  if (o.weightDecay !== 0) {
    if (decoupled) param = p.mul(1 - o.lr * o.weightDecay);
    else g = g.add(p.mul(o.weightDecay));
  }
  const step = ((state.step as number | undefined) ?? 0) + 1;
  const m = state.expAvg === undefined ? g.mul(1 - b1) : (state.expAvg as Tensor).mul(b1).add(g.mul(1 - b1));
  const v =
    state.expAvgSq === undefined ? g.mul(g).mul(1 - b2) : (state.expAvgSq as Tensor).mul(b2).add(g.mul(g).mul(1 - b2));
  state.step = step;
  state.expAvg = m;
  state.expAvgSq = v;
  let second = v;
  if (o.amsgrad) {
    second = state.maxExpAvgSq === undefined ? v : (state.maxExpAvgSq as Tensor).maximum(v);
    state.maxExpAvgSq = second;
  }
  const bc1 = 1 - b1 ** step;
  const bc2 = 1 - b2 ** step;
  const denom = second
    .sqrt()
    .div(scalars.get(step, Math.sqrt(bc2), p))
    .add(o.eps);
  return param.sub(m.div(denom).mul(scalars.get(step, o.lr / bc1, p)));
}

function adamOptions(name: string, options: Partial<AdamOptions>, weightDecay: number): AdamOptions {
  const o: AdamOptions = {
    lr: 1e-3,
    betas: [0.9, 0.999],
    eps: 1e-8,
    weightDecay,
    amsgrad: false,
    maximize: false,
    ...options,
  };
  checkHyper(name, o);
  return o;
}

export class Adam extends Optimizer<AdamOptions> {
  private readonly scalars = new StepScalars();

  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, adamOptions('Adam', options, 0));
  }

  protected update(p: Tensor, grad: Tensor, state: ParamState, o: AdamOptions): Tensor {
    return adamUpdate(p, grad, state, o, false, this.scalars);
  }
}

/** Adam with decoupled weight decay (torch.optim.AdamW; weight decay defaults to 0.01). */
export class AdamW extends Optimizer<AdamOptions> {
  private readonly scalars = new StepScalars();

  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, adamOptions('AdamW', options, 0.01));
  }

  protected update(p: Tensor, grad: Tensor, state: ParamState, o: AdamOptions): Tensor {
    return adamUpdate(p, grad, state, o, true, this.scalars);
  }
}
