import { ValueError } from '../errors.js';
/**
 * The hyperparameter checks PyTorch's optimizers make in their constructors, with its wording:
 * a learning rate, epsilon and weight decay are non-negative, betas lie in [0, 1).
 */
export function checkHyper(
  name: string,
  o: { lr: number; eps?: number; weightDecay?: number; betas?: readonly number[] },
): void {
  if (!(o.lr >= 0)) throw new ValueError(`${name}: invalid learning rate ${o.lr}, expected a number >= 0`);
  if (o.eps !== undefined && !(o.eps >= 0))
    throw new ValueError(`${name}: invalid epsilon value ${o.eps}, expected >= 0`);
  if (o.weightDecay !== undefined && !(o.weightDecay >= 0))
    throw new ValueError(`${name}: invalid weightDecay value ${o.weightDecay}, expected >= 0`);
  o.betas?.forEach((b, i) => {
    if (!(b >= 0 && b < 1))
      throw new ValueError(`${name}: invalid beta parameter at index ${i}: ${b}, expected one in [0, 1)`);
  });
}
