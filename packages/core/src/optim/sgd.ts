import type { Tensor } from '../tensor.js';
import { Optimizer, type ParamState, type Params } from './optimizer.js';
import { checkHyper } from './check.js';
import { ValueError } from '../errors.js';

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

/**
 * Stochastic gradient descent with momentum (torch.optim.SGD's update, step for step).
 *
 * @example
 * ```ts example
 * import { optim, tensor } from '@ag/core';
 *
 * // loss = w0^2 + w1^2, gradient 2w = (2, -4); one step of lr 0.1 gives w - 0.1 * 2w = 0.8w
 * const w = tensor([1, -2], { requiresGrad: true });
 * const opt = new optim.SGD([w], { lr: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step();
 * console.log(w);
 * ```
 *
 * ```text
 * tensor([ 0.8000, -1.6000], requires_grad=True)
 * ```
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, options: Partial<SGDOptions> & { lr?: number } = {}) {
    const o: SGDOptions = {
      lr: 1e-3,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
      ...options,
    };
    checkHyper('SGD', o);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0))
      throw new ValueError(
        `SGD: nesterov momentum requires a momentum and zero dampening, got momentum ${o.momentum} and dampening ${o.dampening}`,
      );
    super(params, o);
  }

  protected update(p: Tensor, grad: Tensor, state: ParamState, o: SGDOptions): Tensor {
    let g = o.maximize ? grad.neg() : grad;
    if (o.weightDecay !== 0) g = g.add(p.mul(o.weightDecay));
    if (o.momentum !== 0) {
      const prev = state.momentumBuffer;
      const buf = prev === undefined ? g.clone() : (prev as Tensor).mul(o.momentum).add(g.mul(1 - o.dampening));
      state.momentumBuffer = buf;
      g = o.nesterov ? g.add(buf.mul(o.momentum)) : buf;
    }
    return p.sub(g.mul(o.lr));
  }
}
