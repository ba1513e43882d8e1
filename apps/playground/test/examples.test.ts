import { cpu } from '@ag/backend-cpu';
import { registerBackend } from '@ag/core';
import { seedCells } from '@ag/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../src/examples/index.ts';
import { Session, type Emitted } from '../src/worker/session.ts';

/**
 * Every example runs (in the runner's session, in Node, on the CPU) and prints what mathematics
 * says: closed forms and an independent float64 gradient descent, never our own earlier output.
 */
async function runExample(id: string): Promise<Emitted[][]> {
  const ex = examples.find((e) => e.id === id)!;
  const perCell: Emitted[][] = ex.cells.map(() => []);
  let cell = 0;
  const session = new Session((out) => perCell[cell]!.push(out));
  for (; cell < ex.cells.length; cell++) {
    const { ok } = await session.run(cell + 1, cell + 1, ex.cells[cell]!);
    expect(ok, `${id} cell ${cell + 1}: ${perCell[cell]!.map((o) => o.text).join('\n')}`).toBe(true);
  }
  return perCell;
}

/** The numbers of a tensor's repr (its grad_fn name and flags left out). */
function numbers(text: string): number[] {
  const values = text.replace(/, (grad_fn|requires_grad|device|dtype)=.*$/s, '');
  return [...values.matchAll(/-?\d+(\.\d*)?(e[-+]\d+)?/g)].map((m) => Number(m[0]));
}

function close(got: number[], want: number[], tol = 1e-4): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    expect(Math.abs(g - want[i]!), `${g} vs ${want[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i]!)));
  });
}

const texts = (out: Emitted[]): string[] => out.map((o) => o.text);

describe('examples', () => {
  beforeAll(() => {
    registerBackend(cpu());
  });

  it("the seed example is the conformance suite's seed cells, not a copy", () => {
    expect(examples.find((e) => e.id === 'seed')!.cells).toEqual(seedCells.map((c) => c.source));
  });

  it('broadcasting: grid[i][j] = i + row[j]; a broadcast input gets the column sums', async () => {
    const [grid, grads] = await runExample('broadcasting');
    expect(texts(grid!)[0]).toBe('[3, 2]');
    close(numbers(texts(grid!)[1]!), [10, 20, 11, 21, 12, 22]);
    close(numbers(texts(grads!)[0]!), [0 + 2 + 4, 1 + 3 + 5]);
  });

  it('backward with a gradient: vᵀJ = v * 2x, and vjp of 3 sin x', async () => {
    const [method, functional] = await runExample('vjp');
    close(numbers(texts(method!)[0]!), [1 * 2 * 1, 0.1 * 2 * 2, 0.01 * 2 * 3]);
    close(numbers(texts(functional!)[0]!), [0, 3 * Math.sin(1)]);
    close(numbers(texts(functional!)[1]!), [3, 2 * 3 * Math.cos(1)]);
  });

  it('a custom Function: exp forward, its own backward, and gradcheck passes', async () => {
    const [forward, backward, check] = await runExample('custom-function');
    expect(texts(forward!)[0]).toMatch(/grad_fn=<ExpBackward>\)$/);
    close(numbers(texts(forward!)[0]!), [1, Math.E, Math.E ** 2]);
    close(numbers(texts(backward!)[0]!), [1, Math.E, Math.E ** 2]);
    expect(texts(check!)).toEqual(['True']);
  });

  it('higher-order gradients of x³ at 2 and a Hessian-vector product', async () => {
    const [cube, hvp] = await runExample('higher-order');
    const [dy, d2y, d3y] = texts(cube!);
    close(numbers(dy!), [3 * 2 ** 2]);
    close(numbers(d2y!), [6 * 2]);
    close(numbers(d3y!), [6]);
    // Gradients made with createGraph carry a grad_fn; the last one, without it, does not.
    expect(dy).toMatch(/grad_fn=/);
    expect(d3y).not.toMatch(/grad_fn=/);
    close(numbers(texts(hvp!)[0]!), [12 * 1 ** 2, 12 * 2 ** 2]);
  });

  it('the training loop follows gradient descent (computed here in float64) to w = 2, b = 1', async () => {
    const [model, loop, params] = await runExample('training');
    expect(texts(model!)).toEqual(['Linear(in_features=1, out_features=1, bias=True)']);
    // The same loop by hand: MSE of w x + b against 2x + 1 on x = -1, -0.75, ..., 0.75, from zero.
    const xs = Array.from({ length: 8 }, (_, i) => -1 + 0.25 * i);
    let w = 0;
    let b = 0;
    const want = new Map<number, number>();
    for (let step = 1; step <= 40; step++) {
      const errs = xs.map((x) => w * x + b - (2 * x + 1));
      const loss = errs.reduce((s, e) => s + e * e, 0) / xs.length;
      if (step === 1 || step % 5 === 0) want.set(step, loss);
      const gw = (2 / xs.length) * errs.reduce((s, e, i) => s + e * xs[i]!, 0);
      const gb = (2 / xs.length) * errs.reduce((s, e) => s + e, 0);
      w -= 0.5 * gw;
      b -= 0.5 * gb;
    }
    const lines = texts(loop!);
    expect(lines).toHaveLength(want.size);
    for (const line of lines) {
      const [, step, loss] = /^step (\d+): loss (\S+)$/.exec(line)!;
      const expected = want.get(Number(step))!;
      // float32 arithmetic: relative agreement while the loss is large, tiny once it has converged.
      if (expected > 1e-5) expect(Math.abs(Number(loss) - expected) / expected).toBeLessThan(1e-2);
      else expect(Number(loss)).toBeLessThan(1e-5);
    }
    const [weight, bias] = texts(params!);
    expect(weight).toMatch(/^Parameter containing:\ntensor\(\[\[/);
    close(numbers(weight!.split('\n')[1]!), [2]);
    close(numbers(bias!.split('\n')[1]!), [1]);
  });
});
