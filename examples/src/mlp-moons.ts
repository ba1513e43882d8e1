import { data, manualSeed, nn, optim } from '@ag/core';
import type { Tensor } from '@ag/core';
import type { Example } from './example.js';

/** A two-layer perceptron separating scikit-learn's two moons (reaches ~99% held out). */
export const mlpMoons: Example = {
  name: 'mlp-moons',
  description: 'an MLP (2-32-32-2) classifying two interleaving moons',
  epochs: 30,
  batchSize: 64,
  data(device) {
    manualSeed(0);
    const train = data.makeMoons(1024, { noise: 0.1, device });
    const test = data.makeMoons(512, { noise: 0.1, device });
    return { train: [train.x, train.y], test: [test.x, test.y] };
  },
  model(device) {
    manualSeed(1);
    return new nn.Sequential(
      new nn.Linear(2, 32, { device }),
      new nn.ReLU(),
      new nn.Linear(32, 32, { device }),
      new nn.ReLU(),
      new nn.Linear(32, 2, { device }),
    );
  },
  optimizer: (model) => new optim.Adam(model.parameters(), { lr: 0.01 }),
  step(model, [x, y]) {
    const logits = model(x!) as Tensor;
    return { loss: new nn.CrossEntropyLoss()(logits, y!), correct: logits.argmax(1).eq(y!).sum() };
  },
};
