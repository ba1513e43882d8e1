import { describe, expect, it } from 'vitest';
import { isNa } from '../src/contender.js';
import { CONTENDERS } from '../src/peers/index.js';
import { TRANSFORMER, transformerBatch } from '../src/peers/transformer-data.js';

// Untimed: both libraries' steps do the same kind of work, so they make the same kind of progress.

async function losses(name: string, steps: number): Promise<number[]> {
  const c = CONTENDERS[name]!();
  expect(await c.setup()).toBeUndefined();
  const prepared = await c.transformerStep!();
  if (isNa(prepared)) throw new Error(prepared.na);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await prepared.run()) as number);
  return out;
}

describe('transformer step', () => {
  it('cuts the example text into next-character windows', () => {
    const { batch, seq } = TRANSFORMER;
    const { x, y } = transformerBatch();
    expect([x.length, y.length]).toEqual([batch * seq, batch * seq]);
    // Within a window the target at t is the input at t + 1.
    for (let r = 0; r < batch; r++) for (let t = 0; t + 1 < seq; t++) expect(y[r * seq + t]).toBe(x[r * seq + t + 1]);
    expect(Math.max(...x, ...y)).toBeLessThan(TRANSFORMER.vocab);
  });

  it('lowers the loss step by step from near chance, in ag and in tfjs alike', async () => {
    const steps = 5;
    const [a, t] = [await losses('ag cpu', steps), await losses('tfjs wasm', steps)];
    const chance = Math.log(TRANSFORMER.vocab);
    for (const l of [a, t]) {
      // From random initialisation the loss is of the order of log(vocab).
      expect(l[0]!).toBeGreaterThan(chance * 0.8);
      expect(l[0]!).toBeLessThan(chance * 1.5);
      // AdamW at lr 3e-3 on one batch: every step lowers it.
      for (let i = 1; i < steps; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);
    }
    // The same model and optimiser: both drop by a similar amount.
    const drop = (l: number[]) => l[0]! - l[steps - 1]!;
    expect(drop(a) / drop(t)).toBeGreaterThan(0.5);
    expect(drop(a) / drop(t)).toBeLessThan(2);
  }, 60_000);
});
