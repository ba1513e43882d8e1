import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installMethods, installOps, type OpMethods } from './table.js';

/** Copies, detaching, and moves to another device or dtype. */
const conversion = {
  clone: ops.clone,
  /** A tensor sharing this one's values, outside the graph (requiresGrad false). */
  detach: ops.detach,
  /** A copy on another device, or of another dtype (differentiable); `this` when nothing changes. */
  to: ops.to,
};

const methods = {
  /** {@link to}, awaited: the form that copies from a device read only asynchronously (WebGPU). */
  toAsync(this: Tensor, target: ops.ToTarget): Promise<Tensor> {
    return ops.toAsync(this, target);
  },
  /** PyTorch's `t.cpu()`, awaited: a copy on the 'cpu' device (this tensor when already there). */
  cpu(this: Tensor): Promise<Tensor> {
    return ops.cpu(this);
  },
  float(this: Tensor): Tensor {
    return ops.to(this, 'float32');
  },
  double(this: Tensor): Tensor {
    return ops.to(this, 'float64');
  },
  half(this: Tensor): Tensor {
    return ops.to(this, 'float16');
  },
  bfloat16(this: Tensor): Tensor {
    return ops.to(this, 'bfloat16');
  },
  /** uint8, as PyTorch's `byte()`. */
  byte(this: Tensor): Tensor {
    return ops.to(this, 'uint8');
  },
  /** int8, as PyTorch's `char()`. */
  char(this: Tensor): Tensor {
    return ops.to(this, 'int8');
  },
  int(this: Tensor): Tensor {
    return ops.to(this, 'int32');
  },
  bool(this: Tensor): Tensor {
    return ops.to(this, 'bool');
  },
};

export type ConversionMethods = OpMethods<typeof conversion> & typeof methods;

export function installConversion(proto: Tensor): void {
  installOps(proto, conversion);
  installMethods(proto, methods);
}
