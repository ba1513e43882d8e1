import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { seedCells } from '@ag/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTutorial } from '../src/tutorial.js';

describe('pnpm tutorial', () => {
  beforeAll(() => {
    registerBackend(cpu());
  });

  it("prints every cell's source and the seed's outputs, in PyTorch's form", async () => {
    let text = '';
    await runTutorial((s) => (text += s));
    for (const cell of seedCells) {
      expect(text).toContain(`${cell.label}:\n${cell.source}`);
      for (const line of cell.expected) {
        if (typeof line === 'string') expect(text).toContain(line);
        else
          expect(
            text.split('\n').some((l) => line.test(l)),
            `a line matches ${line}`,
          ).toBe(true);
      }
    }
    // The values the seed README lists, exactly as PyTorch prints them.
    expect(text).toContain('tensor([[6., 6.],\n        [6., 6.]])');
    expect(text).toContain('tensor([ 0.6000,  6.0000, 60.0000])');
    expect(text).toContain('tensor(36., grad_fn=<SumBackward0>)');
  });
});
