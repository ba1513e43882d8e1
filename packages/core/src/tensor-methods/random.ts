import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import type { GeneratorOption } from '../ops/random.js';
import { inplace } from '../autograd/inplace.js';
import { installMethods, installOps, type OpMethods } from './table.js';

/** PyTorch's random sampling methods: `x.bernoulli()`, `x.multinomial(n)`, and the in-place fills below. */
const sampling = { bernoulli: ops.bernoulli, multinomial: ops.multinomial };

/**
 * In-place random fills, drawn from the default generator unless `generator` names another;
 * the tensor keeps its shape, dtype and device. In a graph the fill is PyTorch's node
 * (UniformBackward0, NormalBackward0, ...), whose gradient is zero. The samplers read this
 * tensor's own layout (not the clone `inplace` may hand over): PyTorch fills in memory order.
 */
const fills = {
  /** Uniform samples in [from, to) (Tensor.uniform_). */
  uniform_<S extends Tensor>(this: S, from = 0, to = 1, options?: GeneratorOption): S {
    return inplace(this, 'uniform_', (s) =>
      ops.withZeroGradient('UniformBackward0', [s], () => ops.uniformSamples('uniform_', this, from, to, options)),
    ) as S;
  },
  /** Normal samples of the given mean and std (Tensor.normal_). */
  normal_<S extends Tensor>(this: S, mean = 0, std = 1, options?: GeneratorOption): S {
    return inplace(this, 'normal_', (s) =>
      ops.withZeroGradient('NormalBackward0', [s], () => ops.normalSamples('normal_', this, mean, std, options)),
    ) as S;
  },
  /**
   * Integers (Tensor.random_): `random_()` over the dtype's range ([0, 2^31 - 1] for int32,
   * [0, 2^24] for float32, [0, 2^53] for float64), `random_(to)` in [0, to), `random_(from, to)`.
   */
  random_<S extends Tensor>(this: S, from?: number, to?: number, options?: GeneratorOption): S {
    const [lo, hi] = to === undefined ? (from === undefined ? [] : [0, from]) : [from ?? 0, to];
    // PyTorch's overloads random_.from, random_.to and random_() name RandomBackward0, 1 and 2.
    const name = from === undefined ? 'RandomBackward2' : to === undefined ? 'RandomBackward1' : 'RandomBackward0';
    return inplace(this, 'random_', (s) =>
      ops.withZeroGradient(name, [s], () => ops.integerSamples('random_', this, lo, hi, options)),
    ) as S;
  },
  /** Exponential samples of rate lambd, -log(1 - u) / lambd (Tensor.exponential_). */
  exponential_<S extends Tensor>(this: S, lambd = 1, options?: GeneratorOption): S {
    return inplace(this, 'exponential_', (s) =>
      ops.withZeroGradient('ExponentialBackward0', [s], () =>
        ops.exponentialSamples('exponential_', this, lambd, options),
      ),
    ) as S;
  },
  /** 1 with probability p (a number, or a tensor that broadcasts to this one), else 0 (Tensor.bernoulli_). */
  bernoulli_<S extends Tensor>(this: S, p: number | Tensor = 0.5, options?: GeneratorOption): S {
    // bernoulli_.Tensor and bernoulli_.float: BernoulliBackward1 and 2 (bernoulli itself is 0).
    const [name, inputs] = typeof p === 'number' ? ['BernoulliBackward2', []] : ['BernoulliBackward1', [p]];
    return inplace(this, 'bernoulli_', (s) =>
      ops.withZeroGradient(name, [s, ...inputs], () => ops.bernoulliSamples('bernoulli_', this, p, options)),
    ) as S;
  },
};

export type RandomMethods = OpMethods<typeof sampling> & typeof fills;

export function installRandom(proto: Tensor): void {
  installOps(proto, sampling);
  installMethods(proto, fills);
}
