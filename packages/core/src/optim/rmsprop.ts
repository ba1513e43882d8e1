import type { Tensor } from '../tensor.js';
import { Optimizer, type ParamState, type Params } from './optimizer.js';
import { checkHyper } from './check.js';

export interface RMSpropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
}

/** torch.optim.RMSprop: a running mean of squared gradients scales each step. */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Params<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    const o: RMSpropOptions = {
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
      ...options,
    };
    checkHyper('RMSprop', o);
    super(params, o);
  }

  protected update(p: Tensor, grad: Tensor, state: ParamState, o: RMSpropOptions): Tensor {
    const g = o.weightDecay !== 0 ? grad.add(p.mul(o.weightDecay)) : grad;
    const sq =
      state.squareAvg === undefined
        ? g.mul(g).mul(1 - o.alpha)
        : (state.squareAvg as Tensor).mul(o.alpha).add(g.mul(g).mul(1 - o.alpha));
    state.squareAvg = sq;
    state.step = ((state.step as number | undefined) ?? 0) + 1;
    let avg: Tensor;
    if (o.centered) {
      const ga =
        state.gradAvg === undefined
          ? g.mul(1 - o.alpha)
          : (state.gradAvg as Tensor).mul(o.alpha).add(g.mul(1 - o.alpha));
      state.gradAvg = ga;
      avg = sq.sub(ga.mul(ga)).sqrt().add(o.eps);
    } else {
      avg = sq.sqrt().add(o.eps);
    }
    if (o.momentum > 0) {
      const buf =
        state.momentumBuffer === undefined
          ? g.div(avg)
          : (state.momentumBuffer as Tensor).mul(o.momentum).add(g.div(avg));
      state.momentumBuffer = buf;
      return p.sub(buf.mul(o.lr));
    }
    return p.sub(g.div(avg).mul(o.lr));
  }
}
