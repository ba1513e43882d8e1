import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, DEFAULT_SETTINGS, OPTIMIZERS, type LabSettings } from '../src/lab/settings.ts';
import { Trainer } from '../src/lab/trainer.ts';

beforeAll(() => {
  registerBackend(cpu());
});

async function trainUntil(
  settings: LabSettings,
  target: number,
  maxSteps: number,
): Promise<{ steps: number; accuracy: number }> {
  const trainer = await Trainer.create(settings);
  let accuracy = (await trainer.evaluate('test')).accuracy;
  while (accuracy < target && trainer.steps < maxSteps) {
    for (let i = 0; i < 10; i++) await trainer.step().item();
    accuracy = (await trainer.evaluate('test')).accuracy;
  }
  return { steps: trainer.steps, accuracy };
}

describe('lab trainer', () => {
  it('the default settings (moons, 2-16-16-2 ReLU, Adam) reach 90% test accuracy within 300 steps', async () => {
    const { steps, accuracy } = await trainUntil({ ...DEFAULT_SETTINGS }, 0.9, 300);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(steps).toBeLessThanOrEqual(300);
  });

  // Every dataset is learnable by the default network, well above chance (1/2, or 1/3 for spirals and blobs).
  const bars: [LabSettings['dataset'], number][] = [
    ['circles', 0.9],
    ['xor', 0.85],
    ['blobs', 0.9],
    ['spirals', 0.7],
  ];
  it.each(bars)('%s reaches %f test accuracy within 300 steps', async (dataset, bar) => {
    const { accuracy } = await trainUntil({ ...DEFAULT_SETTINGS, dataset }, bar, 300);
    expect(accuracy).toBeGreaterThanOrEqual(bar);
  });

  // Every choice the form offers builds and trains: a few steps lower the training loss.
  const choices: Partial<LabSettings>[] = [
    ...ACTIVATIONS.map((activation) => ({ activation })),
    ...OPTIMIZERS.map((optimizer) => ({ optimizer, lr: optimizer === 'sgd' || optimizer === 'momentum' ? 0.1 : 0.01 })),
  ];
  it.each(choices)('%o trains', async (change) => {
    const trainer = await Trainer.create({ ...DEFAULT_SETTINGS, ...change });
    const before = (await trainer.evaluate('train')).loss;
    for (let i = 0; i < 20; i++) trainer.step();
    expect((await trainer.evaluate('train')).loss).toBeLessThan(before);
  });

  it('maps class probabilities over a grid covering the points, top row first', async () => {
    const trainer = await Trainer.create({ ...DEFAULT_SETTINGS, dataset: 'blobs' });
    const map = await trainer.boundary(8);
    expect(map.probs).toHaveLength(8 * 8 * 3);
    for (let i = 0; i < 64; i++)
      expect(map.probs[3 * i]! + map.probs[3 * i + 1]! + map.probs[3 * i + 2]!).toBeCloseTo(1, 5);
    const [x0, x1, y0, y1] = map.extent;
    const xs = trainer.trainPoints;
    for (let i = 0; i < xs.length; i += 2) {
      expect(xs[i]).toBeGreaterThan(x0);
      expect(xs[i]).toBeLessThan(x1);
      expect(xs[i + 1]).toBeGreaterThan(y0);
      expect(xs[i + 1]).toBeLessThan(y1);
    }
  });

  it("maps each hidden unit's output: layer 1's is relu(w·x + b) at each grid point", async () => {
    const trainer = await Trainer.create({ ...DEFAULT_SETTINGS, hidden: [3, 2] });
    for (let i = 0; i < 5; i++) trainer.step();
    const size = 4;
    const maps = await trainer.neurons(size);
    expect(maps.widths).toEqual([3, 2]);
    expect(maps.values.map((v) => v.length)).toEqual([size * size * 3, size * size * 2]);
    const [w, b] = (await Promise.all(
      trainer.model
        .parameters()
        .slice(0, 2)
        .map((p) => p.toTypedArray()),
    )) as Float32Array[];
    const [x0, x1, y0, y1] = trainer.extent;
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const x = x0 + ((c + 0.5) / size) * (x1 - x0);
        const y = y1 - ((r + 0.5) / size) * (y1 - y0);
        for (let u = 0; u < 3; u++) {
          const expected = Math.max(0, w![2 * u]! * x + w![2 * u + 1]! * y + b![u]!);
          expect(maps.values[0]![(r * size + c) * 3 + u]).toBeCloseTo(expected, 5);
        }
      }
    }
  });

  it('L1 adds λ·Σ|w| over the weights to the loss it reports', async () => {
    const plain = await Trainer.create({ ...DEFAULT_SETTINGS });
    const l1 = await Trainer.create({ ...DEFAULT_SETTINGS, regularization: 'l1', regRate: 0.01 });
    // same seed, so the same weights: the difference is the penalty, computed here from the weights
    let sum = 0;
    for (const p of l1.model.parameters()) {
      if (p.dim() !== 2) continue;
      for (const v of (await p.toTypedArray()) as Float32Array) sum += Math.abs(v);
    }
    const difference = (await l1.evaluate('test')).loss - (await plain.evaluate('test')).loss;
    expect(difference).toBeCloseTo(0.01 * sum, 4);
  });
});
