import { cell } from './cells.ts';

/** Gradients of gradients: createGraph records the backward pass so it can be differentiated. */
export const higherOrder: readonly string[] = [
  cell(`
// y = x³ at x = 2. With createGraph, each gradient is itself a function of x with a graph.
import { grad, tensor } from '@ag/core';
const x = tensor(2, { requiresGrad: true });
const y = x.pow(3);
const [dy] = grad(y, x, { createGraph: true }); // 3x² = 12
const [d2y] = grad(dy!, x, { createGraph: true }); // 6x = 12
const [d3y] = grad(d2y!, x); // 6
print(dy);
print(d2y);
print(d3y);
`),
  cell(`
// The same through .backward(): the Hessian-vector product of f(v) = sum(v⁴) is 12v² * u.
const v = tensor([1, 2], { requiresGrad: true });
const [g] = grad(v.pow(4).sum(), v, { createGraph: true }); // 4v³
g!.mul(tensor([1, 1])).sum().backward(); // d/dv of u · 4v³ = 12v² * u
print(v.grad); // [12, 48]
`),
];
