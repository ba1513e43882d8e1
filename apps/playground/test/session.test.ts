import { cpu } from '@ag/backend-cpu';
import { registerBackend } from '@ag/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Session, type Emitted } from '../src/worker/session.ts';

/** Runs cells in one session; returns each cell's output texts (errors with their line). */
async function run(cells: string[]): Promise<string[][]> {
  const out: string[][] = cells.map(() => []);
  let i = 0;
  const session = new Session((o: Emitted) => out[i]!.push(o.line === undefined ? o.text : `${o.text} @${o.line}`));
  for (; i < cells.length; i++) await session.run(i + 1, i + 1, cells[i]!);
  return out;
}

describe('a notebook session', () => {
  beforeAll(() => {
    registerBackend(cpu());
  });

  it('shares top-level names across cells, closures included', async () => {
    expect(
      await run(['let count = 0;\nfunction inc() { count++; }', 'inc();\ninc();\ncount', 'count = 10;\ninc();\ncount']),
    ).toEqual([[], ['2'], ['11']]);
  });

  it('hoists a function declared below its first use, and later cells call it', async () => {
    expect(await run(['print(twice(2));\nfunction twice(x: number) { return 2 * x; }', 'twice(5)'])).toEqual([
      ['4'],
      ['10'],
    ]);
  });

  it('imports bind names for later cells; a wrong import says what exists', async () => {
    expect(
      await run([
        "import { ones } from '@ag/core';",
        'ones([2]).sum()',
        "import { nope } from '@ag/core';",
        "import x from 'lodash';",
      ]),
    ).toEqual([
      [],
      ['tensor(2.)'],
      ["Error: import: '@ag/core' has no export named 'nope' @1"],
      [
        "Error: import: the playground has no module 'lodash' (it has '@ag/core', '@ag/backend-cpu', '@ag/backend-webgpu') @1",
      ],
    ]);
  });

  it('awaits at top level and keeps print order around awaits', async () => {
    expect(
      await run([
        "import { tensor } from '@ag/core';\nprint('a');\nconst v = await tensor([1, 2]).sum().item();\nprint(v);\nprint('c');",
      ]),
    ).toEqual([['a', '3', 'c']]);
  });
});
