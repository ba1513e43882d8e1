import { cell } from './cells.ts';

/** A custom autograd Function: its own forward and backward, as torch.autograd.Function. */
export const customFunction: readonly string[] = [
  cell(`
// forward computes the value and saves what backward needs; backward gets the gradient of the
// output and returns the gradient of the input. Here exp, whose derivative is itself.
import { autograd, tensor, type Tensor } from '@ag/core';
class Exp extends autograd.Function {
  static forward(ctx: autograd.FunctionCtx, x: Tensor): Tensor {
    const y = x.exp();
    ctx.saveForBackward(y);
    return y;
  }
  static backward(ctx: autograd.FunctionCtx, grad: Tensor): Tensor {
    const [y] = ctx.savedTensors;
    return grad.mul(y!);
  }
}
const x = tensor([0, 1, 2], { requiresGrad: true });
const y = Exp.apply(x);
y
`),
  cell(`
y.sum().backward();
print(x.grad); // d(e^x)/dx = e^x: [1, e, e²]
`),
  cell(`
// gradcheck compares backward with central finite differences (in float64, as PyTorch's).
await autograd.gradcheck((t) => Exp.apply(t), [tensor([0.5, -1, 2], { dtype: 'float64', requiresGrad: true })])
`),
];
