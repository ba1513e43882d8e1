import * as core from '@ag/core';
import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { transform } from 'sucrase';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../src/lab/codegen.ts';
import { DEFAULT_SETTINGS, type LabSettings } from '../src/lab/settings.ts';
import { Trainer } from '../src/lab/trainer.ts';

beforeAll(() => {
  registerBackend(cpu());
});

/**
 * Runs generated code as the playground's editor would: types stripped by sucrase, imports
 * turned into requires of the workspace's @ag/core, `print` collecting lines, top-level await
 * inside an async function.
 */
async function run(code: string): Promise<string[]> {
  const js = transform(code, { transforms: ['typescript', 'imports'] }).code;
  const lines: string[] = [];
  const require = (name: string): unknown => {
    if (name !== '@ag/core') throw new Error(`generated code imports ${name}`);
    return core;
  };
  const AsyncFunction = (Object.getPrototypeOf(async () => {}) as { constructor: unknown }).constructor as new (
    ...args: string[]
  ) => (...args: unknown[]) => Promise<void>;
  await new AsyncFunction('require', 'print', js)(require, (...xs: unknown[]) => lines.push(xs.join(' ')));
  return lines;
}

/** The lab's own run of the same settings for `steps` steps: its test accuracy. */
async function labAccuracy(settings: LabSettings, steps: number): Promise<number> {
  const trainer = await Trainer.create(settings);
  for (let i = 0; i < steps; i++) trainer.step();
  return (await trainer.evaluate('test')).accuracy;
}

function printedTestAccuracy(lines: string[]): number {
  const match = /test accuracy (\d\.\d+)/.exec(lines.at(-1) ?? '');
  if (match === null) throw new Error(`no test accuracy in ${JSON.stringify(lines)}`);
  return Number(match[1]);
}

describe('lab code generation', () => {
  it("the default settings: the code runs, prints its losses, and reaches the lab's test accuracy", async () => {
    const settings = { ...DEFAULT_SETTINGS };
    const lines = await run(generateCode(settings, 200));
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^step 20: loss \d+\.\d{4}$/);
    const accuracy = printedTestAccuracy(lines);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    // same seed, same calls in the same order: the same run, so the same accuracy to print precision
    expect(accuracy).toBeCloseTo(await labAccuracy(settings, 200), 3);
  });

  const variants: [string, Partial<LabSettings>][] = [
    [
      'circles, tanh, SGD with momentum, L2',
      { dataset: 'circles', activation: 'tanh', optimizer: 'momentum', lr: 0.1, regularization: 'l2', regRate: 0.001 },
    ],
    [
      'xor, GELU, AdamW, L1',
      { dataset: 'xor', activation: 'gelu', optimizer: 'adamw', regularization: 'l1', regRate: 0.0005 },
    ],
    [
      'spirals (3 classes), SiLU, RMSprop',
      { dataset: 'spirals', activation: 'silu', optimizer: 'rmsprop', lr: 0.01, hidden: [32, 32, 32] },
    ],
    ['blobs, no hidden layer, Adagrad', { dataset: 'blobs', hidden: [], optimizer: 'adagrad', lr: 0.1, noise: 0.2 }],
  ];
  it.each(variants)('%s: the code runs and matches the lab', async (_, change) => {
    const settings = { ...DEFAULT_SETTINGS, ...change };
    const lines = await run(generateCode(settings, 60));
    expect(printedTestAccuracy(lines)).toBeCloseTo(await labAccuracy(settings, 60), 3);
  });

  it('refuses a step count that is not a positive integer', () => {
    expect(() => generateCode({ ...DEFAULT_SETTINGS }, 0)).toThrow(
      'generateCode: steps must be a positive integer, got 0',
    );
  });
});
