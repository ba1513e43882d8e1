import type { Tensor } from '../tensor.js';
import { fullLike } from '../ops/creation.js';
import { Optimizer, type ParamState, type Params } from './optimizer.js';
import { checkHyper } from './check.js';

export interface AdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
}

/** torch.optim.Adagrad: steps scaled by the root of the sum of all squared gradients so far. */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Params<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    const o: AdagradOptions = {
      lr: 1e-2,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      ...options,
    };
    checkHyper('Adagrad', o);
    super(params, o);
  }

  protected update(p: Tensor, grad: Tensor, state: ParamState, o: AdagradOptions): Tensor {
    const step = ((state.step as number | undefined) ?? 0) + 1;
    state.step = step;
    const g = o.weightDecay !== 0 ? grad.add(p.mul(o.weightDecay)) : grad;
    const sum = ((state.sum as Tensor | undefined) ?? fullLike(p, o.initialAccumulatorValue)).add(g.mul(g));
    state.sum = sum;
    const clr = o.lr / (1 + (step - 1) * o.lrDecay);
    return p.sub(g.div(sum.sqrt().add(o.eps)).mul(clr));
  }
}
