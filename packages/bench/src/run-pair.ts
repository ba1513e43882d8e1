import { performance } from 'node:perf_hooks';
import { failure, message, reply } from './child.js';
import { isNa, type Prepared } from './contender.js';
import { PAIRS } from './head-to-head/pairs.js';
import { pairStats } from './head-to-head/stats.js';
import { sample, type Budget } from './measure.js';
import { CONTENDERS } from './peers/index.js';
import type { PairResult } from './results.js';
import { ROWS, prepareRow } from './workloads.js';

/**
 * One head-to-head pair in a process of its own (started by main.ts, see child.ts): both
 * contenders set up and their work prepared here, then warmed up, then run alternately, so that
 * each of ag's runs has a peer's run beside it in time, under the same load.
 */

/**
 * At least 5 pairs, so the median ratio is not one pair's, and up to 41 when the work is quick:
 * on a loaded machine one pair's ratio of two short runs swings widely (docs/performance.md).
 * About 3 s of runs, both sides together. Two warm-up rounds: a GPU's first run compiles shaders, the second
 * still fills buffer pools.
 */
const PAIRED: Budget = { ms: 3000, warmups: 2, minReps: 5, maxReps: 41, slowMs: Infinity, slowReps: 5 };

async function runPair(id: string): Promise<PairResult> {
  const pair = PAIRS.find((p) => p.id === id);
  const row = ROWS.find((r) => r.id === pair?.row);
  if (pair === undefined || row === undefined) throw new Error(`unknown pair ${id}`);
  const t0 = performance.now();
  const result = (extra: Pick<PairResult, 'unavailable' | 'stats'>): PairResult => ({
    id,
    label: row.label,
    ag: pair.ag,
    peer: pair.peer,
    ...(pair.target === undefined ? {} : { target: pair.target }),
    ...extra,
    seconds: (performance.now() - t0) / 1000,
  });

  const works: Prepared[] = [];
  for (const name of [pair.ag, pair.peer]) {
    const c = CONTENDERS[name]!();
    const why = await c.setup().catch((e: unknown) => `setup failed: ${message(e)}`);
    if (why !== undefined) return result({ unavailable: `${name}: ${why}` });
    const prepared = await prepareRow(row, c).catch((e: unknown) => ({ na: failure(e) }));
    if (isNa(prepared)) return result({ unavailable: `${name}: ${prepared.na}` });
    works.push(prepared);
  }
  try {
    const [ag, peer] = await sample(works, PAIRED);
    return result({ stats: pairStats(ag!, peer!) });
  } catch (e) {
    return result({ unavailable: failure(e) });
  }
}

reply(await runPair(process.argv[2] ?? ''));
