import { data, manualSeed, nn, optim } from '@ag/core';
import type { Tensor } from '@ag/core';
import type { Example } from './example.js';

/** A small CNN telling drawn circles, squares and triangles apart (16x16 grayscale). */
export const cnnShapes: Example = {
  name: 'cnn-shapes',
  description: 'a CNN (2 conv + pool blocks, linear head) classifying drawn shapes',
  epochs: 8,
  batchSize: 32,
  data(device) {
    manualSeed(2);
    const train = data.makeShapes(960, { device });
    const test = data.makeShapes(240, { device });
    return { train: [train.x, train.y], test: [test.x, test.y] };
  },
  model(device) {
    manualSeed(3);
    return new nn.Sequential(
      new nn.Conv2d(1, 8, 3, { padding: 1, device }),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Conv2d(8, 16, 3, { padding: 1, device }),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Flatten(),
      new nn.Linear(16 * 4 * 4, data.SHAPE_CLASSES.length, { device }),
    );
  },
  optimizer: (model) => new optim.Adam(model.parameters(), { lr: 0.005 }),
  step(model, [x, y]) {
    const logits = model(x!) as Tensor;
    return { loss: new nn.CrossEntropyLoss()(logits, y!), correct: logits.argmax(1).eq(y!).sum() };
  },
};
