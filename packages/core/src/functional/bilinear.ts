import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { ShapeError } from '../errors.js';

/**
 * y[..., o] = sum over i, j of x1[..., i] W[o, i, j] x2[..., j] + b[o] (torch.nn.functional.bilinear),
 * for x1 [..., in1], x2 [..., in2] with the same leading dims and W [out, in1, in2].
 */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const op = 'bilinear';
  if (weight.ndim !== 3)
    throw new ShapeError(`${op}: expected weight of 3 dims [out, in1, in2], got ${formatShape(weight.shape)}`);
  const [O, I, J] = weight.shape as [number, number, number];
  const lead = input1.shape.slice(0, -1);
  if (input1.ndim === 0 || input2.ndim !== input1.ndim || formatShape(input2.shape.slice(0, -1)) !== formatShape(lead))
    throw new ShapeError(
      `${op}: input1 and input2 must have the same size except the last dimension, got ${formatShape(input1.shape)} and ${formatShape(input2.shape)}`,
    );
  if (input1.shape[input1.ndim - 1] !== I || input2.shape[input2.ndim - 1] !== J)
    throw new ShapeError(
      `${op}: expected input1 [..., ${I}] and input2 [..., ${J}] to match weight ${formatShape(weight.shape)}, got ${formatShape(input1.shape)} and ${formatShape(input2.shape)}`,
    );
  if (bias != null && (bias.ndim !== 1 || bias.shape[0] !== O))
    throw new ShapeError(`${op}: expected bias of shape [${O}], got ${formatShape(bias.shape)}`);
  // x1 W as one matmul over [I, O*J], then the dot with x2 along j.
  const x1 = input1.reshape(-1, I);
  const t = x1.matmul(weight.permute(1, 0, 2).reshape(I, O * J)).reshape(-1, O, J);
  const y = t
    .mul(input2.reshape(-1, 1, J))
    .sum(-1)
    .reshape(...lead, O);
  return bias == null ? y : y.add(bias);
}
