import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.js';
import { PAIRS, selectPairs } from './head-to-head/pairs.js';
import { machine } from './machine.js';
import { CONTENDERS, NEEDS_BIG_STACK } from './peers/index.js';
import { chart } from './report/chart.js';
import { sig3 } from './report/format.js';
import { markdown } from './report/table.js';
import type { BenchResults, ContenderResult, PairResult } from './results.js';
import { ROWS } from './workloads.js';

/**
 * `pnpm bench [--head-to-head] [filter...]`: runs each contender (or those whose name contains a
 * filter) in a child process, one after another so they never share the two cores; then each
 * head-to-head pair (head-to-head/pairs.ts) that every filter names part of, in a child process
 * of its own. Writes results/latest.{md,svg,json} and prints the Markdown to stdout. Progress goes
 * to stderr. `--head-to-head` runs only the pairs and puts them into the results already there.
 */
const self = fileURLToPath(import.meta.url);
const here = dirname(self);
/** `AG_BENCH_OUT` moves the results (the bundle of `pnpm bench:bundle` runs from elsewhere). */
const resultsDir = process.env.AG_BENCH_OUT ?? join(here, '..', 'results');
/** `run-contender.ts` from source, `run-contender.mjs` in the bundle: the same extension as this file. */
const script = (name: string): string => join(here, `${name}${extname(self)}`);
/** A contender that hangs (a driver, a deadlock) must not stall the whole run. */
const CHILD_TIMEOUT_MS = 150_000;
/** A pair runs both sides, at least 7 rounds each (tfjs-webgpu's matmul 1024 takes seconds on a software adapter). */
const PAIR_TIMEOUT_MS = 300_000;

function runContender(name: string): Promise<ContenderResult> {
  return runChild(
    script('run-contender'),
    [name],
    { bigStack: NEEDS_BIG_STACK(name), timeoutMs: CHILD_TIMEOUT_MS },
    (why) => ({
      name,
      note: '',
      unavailable: why,
      cells: {},
      memory: { peakRssMiB: 0, heapDeltaMiB: 0, library: {} },
      seconds: 0,
    }),
  );
}

const args = process.argv.slice(2).filter((a) => a !== '--');
const headToHeadOnly = args.includes('--head-to-head');
const filters = args.filter((a) => a !== '--head-to-head');
const unknown = filters.filter((a) => a.startsWith('--'));
if (unknown.length > 0) {
  process.stderr.write(`unknown option ${unknown.join(' ')}; usage: pnpm bench [--head-to-head] [filter...]\n`);
  process.exit(2);
}

const names = headToHeadOnly
  ? []
  : Object.keys(CONTENDERS).filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)));
const selected = selectPairs(filters);
if (names.length === 0 && selected.length === 0) {
  // Writing nothing keeps the last results rather than replacing them with an empty table.
  process.stderr.write(
    `no ${headToHeadOnly ? 'pair' : 'contender nor pair'} matches ${filters.map((f) => `"${f}"`).join(' ')}; pairs: ${PAIRS.map((p) => p.id).join(', ')}\n`,
  );
  process.exit(2);
}

const contenders: ContenderResult[] = [];
for (const name of names) {
  process.stderr.write(`${name}\n`);
  const r = await runContender(name);
  process.stderr.write(r.unavailable ? `  unavailable: ${r.unavailable}\n` : `  done in ${r.seconds.toFixed(1)} s\n`);
  contenders.push(r);
}

const fresh: BenchResults = {
  machine: machine(),
  rows: ROWS.map(({ id, label, unit, higherIsBetter }) => ({ id, label, unit, higherIsBetter })),
  contenders,
};

const pairs: PairResult[] = [];
const headToHeadMachine = machine();
for (const p of selected) {
  process.stderr.write(`head to head: ${p.id}\n`);
  const bigStack = NEEDS_BIG_STACK(p.ag) || NEEDS_BIG_STACK(p.peer);
  const label = ROWS.find((r) => r.id === p.row)?.label ?? p.row;
  const r = await runChild<PairResult>(script('run-pair'), [p.id], { bigStack, timeoutMs: PAIR_TIMEOUT_MS }, (why) => ({
    ...p,
    label,
    unavailable: why,
    seconds: 0,
  }));
  const s = r.stats;
  process.stderr.write(
    s
      ? `  ${sig3(s.agMs)} ms vs ${sig3(s.peerMs)} ms: ${sig3(s.speedup)}x over ${s.pairs} pairs\n`
      : `  unavailable: ${r.unavailable ?? ''}\n`,
  );
  pairs.push(r);
}

const headToHead = pairs.length > 0 ? { machine: headToHeadMachine, pairs } : undefined;
// Alone, the pairs join the last full run's results rather than wiping its table.
const results: BenchResults = {
  ...(headToHeadOnly ? (previous() ?? fresh) : fresh),
  ...(headToHead ? { headToHead } : {}),
};
mkdirSync(resultsDir, { recursive: true });
const md = markdown(results);
writeFileSync(join(resultsDir, 'latest.md'), md);
writeFileSync(join(resultsDir, 'latest.svg'), chart(results));
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(md);

function previous(): BenchResults | undefined {
  const file = join(resultsDir, 'latest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : undefined;
}
