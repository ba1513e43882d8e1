import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.js';
import { CONTENDERS, NEEDS_BIG_STACK } from './peers/index.js';
import { chart } from './report/chart.js';
import { markdown } from './report/table.js';
import type { BenchResults, ContenderResult } from './results.js';
import { ROWS } from './workloads.js';

/**
 * `pnpm bench [filter...]`: runs each contender (or those whose name contains a filter) in a
 * child process, one after another so they never share the two cores, then writes
 * results/latest.{md,svg,json} and prints the Markdown to stdout. Progress goes to stderr.
 */
const self = fileURLToPath(import.meta.url);
const here = dirname(self);
/** `AG_BENCH_OUT` moves the results (the bundle of `pnpm bench:bundle` runs from elsewhere). */
const resultsDir = process.env.AG_BENCH_OUT ?? join(here, '..', 'results');
/** `run-contender.ts` from source, `run-contender.mjs` in the bundle: the same extension as this file. */
const childScript = join(here, `run-contender${extname(self)}`);
/** A contender that hangs (a driver, a deadlock) must not stall the whole run. */
const CHILD_TIMEOUT_MS = 150_000;
/** Below the 8 MiB main-thread stack Linux gives by default, so V8 never overruns it. */
const BIG_STACK_KB = 7600;

function runChild(name: string): Promise<ContenderResult> {
  const execArgv = [...process.execArgv, '--expose-gc', ...(NEEDS_BIG_STACK(name) ? [`--stack-size=${BIG_STACK_KB}`] : [])];
  const failed = (why: string): ContenderResult => ({
    name,
    note: '',
    unavailable: why,
    cells: {},
    memory: { peakRssMiB: 0, heapDeltaMiB: 0, library: {} },
    seconds: 0,
  });
  return new Promise((resolve) => {
    // Children's stdout (tfjs greets on it) goes to our stderr, keeping stdout for the table.
    const child = fork(childScript, [name], { execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
    let result: ContenderResult | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('message', (m) => (result = m as ContenderResult));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(result ?? failed(signal === 'SIGKILL' ? `timed out after ${CHILD_TIMEOUT_MS / 1000} s` : `process exited with ${signal ?? code}`));
    });
  });
}

const filters = process.argv.slice(2).filter((a) => a !== '--');
const names = Object.keys(CONTENDERS).filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)));
const contenders: ContenderResult[] = [];
for (const name of names) {
  process.stderr.write(`${name}\n`);
  const r = await runChild(name);
  process.stderr.write(r.unavailable ? `  unavailable: ${r.unavailable}\n` : `  done in ${r.seconds.toFixed(1)} s\n`);
  contenders.push(r);
}

const results: BenchResults = {
  machine: machine(),
  rows: ROWS.map(({ id, label, unit, higherIsBetter }) => ({ id, label, unit, higherIsBetter })),
  contenders,
};
mkdirSync(resultsDir, { recursive: true });
const md = markdown(results);
writeFileSync(join(resultsDir, 'latest.md'), md);
writeFileSync(join(resultsDir, 'latest.svg'), chart(results));
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(md);
