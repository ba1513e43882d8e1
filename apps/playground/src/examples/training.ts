import { cell } from './cells.ts';

/** A training loop, PyTorch style: zeroGrad, forward, loss, backward, step. */
export const training: readonly string[] = [
  cell(`
// Fit y = 2x + 1 with one linear layer. The parameters start at zero, so every run is the same.
import { arange, functional as F, nn, noGrad, optim } from '@ag/core';
const x = arange(-1, 1, 0.25).unsqueeze(1); // 8 points in [-1, 1), shape [8, 1]
const y = x.mul(2).add(1);
const model = new nn.Linear(1, 1);
noGrad(() => {
  model.weight.zero_();
  model.bias!.zero_();
});
const opt = new optim.SGD(model.parameters(), { lr: 0.5 });
model
`),
  cell(`
for (let step = 1; step <= 40; step++) {
  opt.zeroGrad();
  const loss = F.mseLoss(model(x), y);
  loss.backward();
  opt.step();
  if (step === 1 || step % 5 === 0) print(\`step \${step}: loss \${(await loss.item()).toPrecision(4)}\`);
}
`),
  cell(`
print(model.weight); // 2
print(model.bias); // 1
`),
];
