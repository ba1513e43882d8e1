import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';

/** PyTorch's transposes read as attributes: `x.T` and `x.mT`, views like `x.permute(...)`. */
const getters = {
  T: ops.reverseDims,
  mT: ops.matrixTranspose,
};

export type AttributeMethods = { readonly [K in keyof typeof getters]: Tensor };

/** Installs each getter as a read-only property, as a class `get` would be (not enumerable). */
export function installAttributes(proto: Tensor): void {
  for (const [name, get] of Object.entries(getters)) {
    Object.defineProperty(proto, name, {
      get(this: Tensor) {
        return get(this);
      },
      enumerable: false,
      configurable: true,
    });
  }
}
