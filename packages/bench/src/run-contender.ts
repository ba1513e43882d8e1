import { performance } from 'node:perf_hooks';
import { isNa, type Prepared } from './contender.js';
import { time } from './measure.js';
import { CONTENDERS } from './peers/index.js';
import type { Cell, ContenderResult } from './results.js';
import { NOT_OFFERED } from './report/format.js';
import { ROWS } from './workloads.js';

/**
 * One contender in a process of its own (started by main.ts): libraries keep global state
 * (registered backends, WebGPU devices, wasm memory), and a fresh process makes its memory figures
 * its own. The result goes back to the parent over the IPC channel.
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
      const prepared = await row.prepare(c);
      if (prepared === undefined) {
        cells[row.id] = { na: NOT_OFFERED };
        continue;
      }
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
      cells[row.id] = { na: `failed: ${message(e).split('\n')[0]!.slice(0, 120)}` };
      process.stderr.write(`  ${name} / ${row.label}: failed: ${message(e)}\n`);
    }
  }
  return result({}, cells);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

const name = process.argv[2] ?? '';
const res = await runOne(name);
// Some libraries keep handles (Dawn devices, timers) open: once the result is sent, leave.
if (process.send === undefined) {
  console.log(JSON.stringify(res, null, 2));
  process.exit(0);
} else {
  process.send(res, () => process.exit(0));
}
