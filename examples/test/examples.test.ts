import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { charTransformer } from '../src/char-transformer.js';
import { cnnShapes } from '../src/cnn-shapes.js';
import { mlpMoons } from '../src/mlp-moons.js';
import { train } from '../src/train-loop.js';

// Each example trains for a bounded number of steps on the CPU and must learn: its loss falls
// below a bound well under chance level (ln(classes): 0.69 for 2 classes, 1.10 for 3, 2.48 for
// the transformer's 12 characters).
describe('the examples learn', () => {
  beforeAll(() => {
    registerBackend(cpu());
  });

  it('mlp-moons reaches 97% held-out accuracy', async () => {
    const { history, test } = await train(mlpMoons, { device: 'cpu', epochs: 20 });
    expect(history.at(-1)!.loss).toBeLessThan(0.1);
    expect(test.accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('cnn-shapes learns to tell the shapes apart', async () => {
    const { test } = await train(cnnShapes, { device: 'cpu', epochs: 3 });
    expect(test.loss).toBeLessThan(0.6);
    expect(test.accuracy).toBeGreaterThan(0.8);
  }, 120_000);

  it('char-transformer starts learning addition', async () => {
    const { history } = await train(charTransformer, { device: 'cpu', epochs: 1, maxBatches: 40 });
    expect(history.at(-1)!.loss).toBeLessThan(2.0);
  }, 300_000);
});
