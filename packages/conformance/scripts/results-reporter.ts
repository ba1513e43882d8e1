import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import { parseTestName } from '../src/test-names.ts';

/**
 * A vitest reporter that records what a backend's conformance run gave, case by case, in
 * packages/conformance/results/<name>.json: the docs build its conformance matrix from these
 * files (apps/docs/scripts/conformance-page.ts). It writes only after a full run of the suite
 * (no name filter, no shard, every case run), and only when an outcome changed, with the cases
 * sorted: a filtered run or a rerun with the same outcomes leaves the committed file (and so
 * the docs' cache) alone.
 */

export type Outcome = 'pass' | 'fail' | 'known-failure';

export interface CaseResult {
  /** The suite's group: 'seed tutorial', 'ops', 'bad input' or 'autograd'. */
  readonly group: string;
  readonly outcome: Outcome;
  /** Why: the backend's reason for a known failure, or what went wrong with a listed one. */
  readonly reason?: string;
}

export interface ConformanceResults {
  readonly backend: string;
  readonly cases: Record<string, CaseResult>;
}

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** What one test of the suite gave. */
function caseResult(test: TestCase): [string, CaseResult] {
  const { id, knownFailure } = parseTestName(test.name);
  const group = test.parent.type === 'suite' ? test.parent.name : '';
  const passed = test.result().state === 'passed';
  if (knownFailure === undefined) return [id, { group, outcome: passed ? 'pass' : 'fail' }];
  // A known failure's test passes when the case fails, and fails when the case passes.
  return [
    id,
    passed
      ? { group, outcome: 'known-failure', reason: knownFailure }
      : { group, outcome: 'fail', reason: 'listed as a known failure, but passes' },
  ];
}

/** The results of `module` when every case of it ran; null after a partial run. */
export function moduleResults(backend: string, module: TestModule): ConformanceResults | null {
  const tests = [...module.children.allTests()];
  const ran = tests.every((t) => ['passed', 'failed'].includes(t.result().state));
  if (tests.length === 0 || !ran) return null;
  const entries = tests.map(caseResult).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { backend, cases: Object.fromEntries(entries) };
}

/** Writes `results` as `<backend>.json` unless the file already says the same; true if it wrote. */
export function writeResults(results: ConformanceResults, dir: string = resultsDir): boolean {
  const file = `${dir}${results.backend}.json`;
  const text = `${JSON.stringify(results, null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text);
  return true;
}

export class ConformanceResultsReporter implements Reporter {
  private vitest: Vitest | undefined;

  /**
   * @param backend - the results file's name: cpu, webgpu-node, webgpu-chromium
   * @param file - the suite's test file, relative to the package: test/conformance.test.ts
   */
  constructor(
    private readonly backend: string,
    private readonly file: string,
  ) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: readonly TestModule[], _errors: unknown, reason: string): void {
    const config = this.vitest?.config;
    if (reason === 'interrupted' || config === undefined) return;
    if (config.testNamePattern !== undefined || config.shard !== undefined) return;
    const module = modules.find((m) => m.moduleId === `${config.root}/${this.file}`);
    const results = module === undefined ? null : moduleResults(this.backend, module);
    if (results === null) return;
    const counts = new Map<Outcome, number>();
    for (const c of Object.values(results.cases)) counts.set(c.outcome, (counts.get(c.outcome) ?? 0) + 1);
    const what = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
    const wrote = writeResults(results);
    console.log(
      `conformance results (${this.backend}): ${what}; ${wrote ? 'written to' : 'unchanged in'} packages/conformance/results/${this.backend}.json`,
    );
  }
}

/**
 * A backend's vitest reporters: vitest's own (its GitHub annotations on GitHub Actions, as
 * vitest adds them when a config names none) and the results reporter.
 */
export function conformanceReporters(backend: string, file: string): (string | Reporter)[] {
  return [
    'default',
    ...(process.env.GITHUB_ACTIONS === 'true' ? ['github-actions'] : []),
    new ConformanceResultsReporter(backend, file),
  ];
}
