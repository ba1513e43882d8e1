import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { cat } from '../ops/join.js';
import { noGrad } from '../autograd/grad-mode.js';
import { ArgumentError, DeviceError, ShapeError } from '../errors.js';

/** Every parameter flattened and joined into one vector (torch.nn.utils.parameters_to_vector); gradients flow back to them. */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  const ps = [...parameters];
  const device = ps[0]?.device;
  for (const p of ps) {
    if (p.device !== device)
      throw new DeviceError(
        `parametersToVector: found two parameters on different devices ('${device}' and '${p.device}'), this is currently not supported`,
      );
  }
  return cat(ps.map((p) => p.reshape(-1)));
}

/**
 * Copies consecutive slices of `vec` into the parameters, each reshaped to its parameter
 * (torch.nn.utils.vector_to_parameters). PyTorch points each parameter's `.data` at its slice;
 * here the values are copied into the parameters, which keep their own storage.
 */
export function vectorToParameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!isTensor(vec))
    throw new ArgumentError(`vectorToParameters: expected vec to be a Tensor, but got: ${typeof vec}`);
  const ps = [...parameters];
  const total = ps.reduce((n, p) => n + p.numel(), 0);
  if (vec.ndim !== 1 || vec.shape[0] !== total)
    throw new ShapeError(
      `vectorToParameters: expected vec of shape [${total}] (the parameters' ${total} elements), got ${formatShape(vec.shape)}`,
    );
  noGrad(() => {
    let at = 0;
    for (const p of ps) {
      p.copy_(vec.narrow(0, at, p.numel()).reshape(p.shape));
      at += p.numel();
    }
  });
}
