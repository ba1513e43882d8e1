import { afterAll, beforeAll, describe, it } from 'vitest';
import { conformanceTests, type ConformanceOptions, type ConformanceTest } from './run.js';

/**
 * `@ag/conformance/vitest`: the suite as vitest tests. A backend's test file calls
 * `runConformance({ setup: () => myBackend() })`; each case becomes a test named by its id in a
 * describe block of its group. The only module of the package that needs vitest.
 */
export function runConformance(options: ConformanceOptions): void {
  const suite = conformanceTests(options);
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
