import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installOps, type OpMethods } from './table.js';

/** The non-linear activations of torch.nn.functional that are also tensor methods. */
const activations = {
  relu: ops.relu,
  relu6: ops.relu6,
  leakyRelu: ops.leakyRelu,
  elu: ops.elu,
  selu: ops.selu,
  celu: ops.celu,
  gelu: ops.gelu,
  silu: ops.silu,
  mish: ops.mish,
  softplus: ops.softplus,
  softsign: ops.softsign,
  hardtanh: ops.hardtanh,
  hardsigmoid: ops.hardsigmoid,
  hardswish: ops.hardswish,
  logSigmoid: ops.logSigmoid,
  softmax: ops.softmax,
  logSoftmax: ops.logSoftmax,
};

export type ActivationMethods = OpMethods<typeof activations>;

export function installActivations(proto: Tensor): void {
  installOps(proto, activations);
}
