import { cell } from './cells.ts';

/** backward(v) on a non-scalar output: a vector-Jacobian product. */
export const vectorJacobian: readonly string[] = [
  cell(`
// y = x² is a vector, so y.backward() needs a vector v of the same shape: it computes vᵀJ,
// the vector-Jacobian product, with J = dy/dx = diag(2x). No Jacobian is ever built.
import { tensor, vjp } from '@ag/core';
const x = tensor([1, 2, 3], { requiresGrad: true });
const y = x.pow(2);
y.backward(tensor([1, 0.1, 0.01]));
print(x.grad); // v * 2x = [2, 0.4, 0.06]
`),
  cell(`
// The functional form returns f(x) and vᵀJ, and leaves .grad alone.
// f(x) = 3 sin(x) has J = diag(3 cos x); at x = [0, 1] and v = [1, 2]: [3, 6 cos 1].
const [value, product] = vjp((t) => t.sin().mul(3), tensor([0, 1]), tensor([1, 2]));
print(value); // [0, 3 sin 1] = [0, 2.5244]
print(product); // [3, 3.2418]
`),
];
