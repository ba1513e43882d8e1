import { performance } from 'node:perf_hooks';
import { failure, message, reply } from './child.js';
import { isNa, type Prepared } from './contender.js';
import { time } from './measure.js';
import { CONTENDERS } from './peers/index.js';
import type { Cell, ContenderResult } from './results.js';
import { ROWS, prepareRow } from './workloads.js';

/**
 * One contender in a process of its own (started by main.ts, see child.ts), which also makes its
 * memory figures its own.
 */
const MiB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function runOne(name: string): Promise<ContenderResult> {
  const make = CONTENDERS[name];
  if (make === undefined) throw new Error(`unknown contender ${name}`);
  const c = make();
  const t0 = performance.now();
  gc();
  const rss0 = process.memoryUsage.rss();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = rss0;
  const result = (extra: Partial<ContenderResult>, cells: Record<string, Cell>): ContenderResult => {
    gc();
    return {
      name,
      note: c.note?.() ?? '',
      cells,
      memory: {
        peakRssMiB: (peak - rss0) / MiB,
        heapDeltaMiB: (process.memoryUsage().heapUsed - heap0) / MiB,
        library: safe(() => c.memory?.() ?? {}, {}),
      },
      seconds: (performance.now() - t0) / 1000,
      ...extra,
    };
  };

  const unavailable = await c.setup().catch((e: unknown) => `setup failed: ${message(e)}`);
  if (unavailable !== undefined) return result({ unavailable }, {});
  const cells: Record<string, Cell> = {};
  for (const row of ROWS) {
    try {
      const prepared = await prepareRow(row, c);
      if (isNa(prepared)) {
        cells[row.id] = prepared;
        continue;
      }
      const sampled: Prepared = {
        run: async () => {
          await prepared.run();
          peak = Math.max(peak, process.memoryUsage.rss());
        },
      };
      const t = await time(sampled);
      prepared.dispose?.();
      cells[row.id] = { value: row.metric(t.median), ms: t.median, reps: t.reps };
      process.stderr.write(`  ${name} / ${row.label}: ${t.median.toFixed(3)} ms (${t.reps} runs)\n`);
    } catch (e) {
      cells[row.id] = { na: failure(e) };
      process.stderr.write(`  ${name} / ${row.label}: failed: ${message(e)}\n`);
    }
  }
  return result({}, cells);
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

reply(await runOne(process.argv[2] ?? ''));
