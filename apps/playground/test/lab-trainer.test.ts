import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LabSettings } from '../src/lab/settings.ts';
import { Trainer } from '../src/lab/trainer.ts';

beforeAll(() => {
  registerBackend(cpu());
});

async function trainUntil(settings: LabSettings, target: number, maxSteps: number): Promise<{ steps: number; accuracy: number }> {
  const trainer = await Trainer.create(settings);
  let accuracy = (await trainer.evaluate('test')).accuracy;
  while (accuracy < target && trainer.steps < maxSteps) {
    for (let i = 0; i < 10; i++) (await trainer.step().item());
    accuracy = (await trainer.evaluate('test')).accuracy;
  }
  return { steps: trainer.steps, accuracy };
}

describe('lab trainer', () => {
  it('the default settings (moons, 2-16-16-2 ReLU, Adam) reach 90% test accuracy within 300 steps', async () => {
    const { steps, accuracy } = await trainUntil({ ...DEFAULT_SETTINGS }, 0.9, 300);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
