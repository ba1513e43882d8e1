/**
 * How a case is named as a test: its id, and where the backend lists it as a known failure, the
 * reason after it. The suite names tests so (run.ts); the results reporter reads them back
 * (scripts/results-reporter.ts). No imports: the reporter loads with a vitest config, before
 * any workspace package resolves to its sources.
 */
const KNOWN = /^(.*) \(known failure: (.*)\)$/s;

/** The test name of case `id`, with the reason when it is a known failure. */
export function testName(id: string, knownFailure?: string): string {
  return knownFailure === undefined ? id : `${id} (known failure: ${knownFailure})`;
}

/** The case id a test name holds, and the known-failure reason where there is one. */
export function parseTestName(name: string): { id: string; knownFailure?: string } {
  const m = KNOWN.exec(name);
  return m === null ? { id: name } : { id: m[1]!, knownFailure: m[2]! };
}
