import type { Tensor } from '../tensor.js';
import { contiguousStrides } from '../shape.js';
import { hostValues } from '../read.js';
import { fromHost } from './dispatch.js';

/**
 * torch.where(condition) with one argument: torch.nonzero(condition, as_tuple=True), one int32
 * tensor of coordinates per dim of `condition`, listing its nonzero elements in row-major order.
 * The result's size depends on the values, so they are read on the host: synchronously on a
 * device that keeps them there (the CPU); elsewhere the error names the awaited reads to use.
 */
export function whereIndices(condition: Tensor): Tensor[] {
  const values = hostValues(condition, 'where(condition)');
  const shape = condition.shape;
  const strides = contiguousStrides(shape);
  const hits: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits.push(i);
  // A 0-d condition is nonzero's 1-d case: PyTorch gives one coordinate list.
  const dims = shape.length === 0 ? [1] : shape;
  const steps = shape.length === 0 ? [1] : strides;
  return dims.map((size, d) => {
    const coordinates = hits.map((i) => Math.floor(i / steps[d]!) % size);
    return fromHost(condition.backend, coordinates, [coordinates.length], 'int32');
  });
}
