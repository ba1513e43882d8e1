// A CommonJS module (.cts) that imports ag: compiled to require(), which TypeScript accepts for
// ES modules under nodenext (Node's require(esm)). Checked under nodenext only.
import { ones, type Tensor } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { saveFile } from '@ag/core/node';

export function gradOfSquares(): Tensor | null {
  const a = ones([2, 2], { requiresGrad: true });
  a.add(2).pow(2).sum().backward();
  return a.grad;
}
export const backend = cpu;
export const save: typeof saveFile = saveFile;
