import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { moduleResults, writeResults } from '../scripts/results-reporter.ts';
import { parseTestName, testName } from '../src/test-names.ts';

/** A test module as the reporter sees it: tests with a name, a describe block and a state. */
function fakeModule(tests: [group: string, name: string, state: string][]): TestModule {
  const cases = tests.map(([group, name, state]) => ({
    name,
    parent: { type: 'suite', name: group },
    result: () => ({ state }),
  }));
  return { children: { allTests: () => cases[Symbol.iterator]() } } as unknown as TestModule;
}

describe('test names', () => {
  it('round-trips a case id, with and without a known-failure reason', () => {
    expect(testName('sum/all')).toBe('sum/all');
    expect(testName('log10', 'no float64 (eps) here')).toBe('log10 (known failure: no float64 (eps) here)');
    expect(parseTestName(testName('log10', 'no float64 (eps) here'))).toEqual({
      id: 'log10',
      knownFailure: 'no float64 (eps) here',
    });
    expect(parseTestName('abs/basic')).toEqual({ id: 'abs/basic' });
  });
});

describe('moduleResults', () => {
  it('records each case by id, sorted, a known failure with its reason', () => {
    const results = moduleResults(
      'cpu',
      fakeModule([
        ['ops', 'sum/all', 'passed'],
        ['ops', 'abs/basic', 'failed'],
        ['autograd', 'log10 (known failure: why)', 'passed'],
        ['autograd', 'exp (known failure: stale)', 'failed'],
      ]),
    );
    expect(results).toEqual({
      backend: 'cpu',
      cases: {
        'abs/basic': { group: 'ops', outcome: 'fail' },
        exp: { group: 'autograd', outcome: 'fail', reason: 'listed as a known failure, but passes' },
        log10: { group: 'autograd', outcome: 'known-failure', reason: 'why' },
        'sum/all': { group: 'ops', outcome: 'pass' },
      },
    });
    expect(Object.keys(results!.cases)).toEqual(['abs/basic', 'exp', 'log10', 'sum/all']);
  });

  it('records nothing after a partial run (a case skipped) or an empty one', () => {
    expect(
      moduleResults(
        'cpu',
        fakeModule([
          ['ops', 'a', 'passed'],
          ['ops', 'b', 'skipped'],
        ]),
      ),
    ).toBeNull();
    expect(moduleResults('cpu', fakeModule([]))).toBeNull();
  });
});

describe('writeResults', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes only when an outcome changes', async () => {
    dir = `${await mkdtemp(join(tmpdir(), 'ag-results-'))}/`;
    const a = { backend: 'cpu', cases: { x: { group: 'ops', outcome: 'pass' as const } } };
    expect(writeResults(a, dir)).toBe(true);
    expect(writeResults(a, dir)).toBe(false);
    expect(writeResults({ ...a, cases: { x: { group: 'ops', outcome: 'fail' } } }, dir)).toBe(true);
    expect(JSON.parse(await readFile(`${dir}cpu.json`, 'utf8'))).toEqual({
      backend: 'cpu',
      cases: { x: { group: 'ops', outcome: 'fail' } },
    });
  });
});
