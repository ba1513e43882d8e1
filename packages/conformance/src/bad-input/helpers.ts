import type { Tensor } from '@ag/core';
import { ones, optim, tensor } from '@ag/core';

/** Small builders the entries share. */

/** An int32 index tensor (PyTorch's int64 indices). */
export function indices(values: number[]): Tensor {
  return tensor(values, { dtype: 'int32' });
}

/** A leaf [1, 2] that requires grad. */
export function leaf(): Tensor {
  return tensor([1, 2], { requiresGrad: true });
}

/**
 * An SGD optimizer with momentum over one parameter after one step, so that it holds a momentum
 * buffer a failed call must leave alone.
 */
export function steppedSgd(): { param: Tensor; optimizer: optim.SGD } {
  const param = leaf();
  const optimizer = new optim.SGD([param], { lr: 0.1, momentum: 0.9 });
  param.grad = ones([2]);
  optimizer.step();
  return { param, optimizer };
}

/** A safetensors file: the 8-byte little-endian header length, the header text, then `data` bytes of zeros. */
export function safetensorsBytes(header: string, data: number): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder().encode(header);
  const bytes = new Uint8Array(8 + text.length + data);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
  bytes.set(text, 8);
  return bytes;
}

/** A safetensors header of one entry. */
export function oneEntry(dtype: string, shape: number[], offsets: number[]): string {
  return JSON.stringify({ a: { dtype, shape, data_offsets: offsets } });
}
