import { afterAll, beforeAll, describe, it } from 'vitest';
import { badInputTests, type BadInputOptions } from './bad-input/run.js';
import { conformanceTests, type ConformanceOptions, type ConformanceSuite, type ConformanceTest } from './run.js';

/**
 * `@ag/conformance/vitest`: the suite as vitest tests. A backend's test file calls
 * `runConformance({ setup: () => myBackend() })`; each case becomes a test named by its id in a
 * describe block of its group. The only module of the package that needs vitest.
 */
export function runConformance(options: ConformanceOptions): void {
  register(conformanceTests(options));
}

/**
 * The catalogue of bad inputs as vitest tests: `runBadInputs({ setup: () => myBackend() })`, one
 * test per entry in the describe block 'bad input catalogue'.
 */
export function runBadInputs(options: BadInputOptions): void {
  register(badInputTests(options));
}

function register(suite: ConformanceSuite): void {
  beforeAll(suite.setUp);
  afterAll(suite.tearDown);
  const groups = new Map<string, ConformanceTest[]>();
  for (const t of suite.tests) {
    const group = groups.get(t.group);
    if (group === undefined) groups.set(t.group, [t]);
    else group.push(t);
  }
  for (const [group, tests] of groups) {
    describe(group, () => {
      for (const t of tests) it(t.name, t.run);
    });
  }
}

export type { ConformanceOptions } from './run.js';
export type { BadInputOptions } from './bad-input/run.js';
