import { isDeepStrictEqual, inspect } from 'node:util';

/**
 * The slice of vitest's API that the conformance suite and the backends' suite files use, for the
 * portable runner (see bundle.ts): tests register with `describe`/`it`, then `runRegistered` runs
 * them in order, one at a time, and prints one line per failure and a summary. Matchers beyond
 * those the suite calls are left out on purpose; a new one fails loudly at bundle time (type
 * check) or at run time ("expect(...).x is not a function").
 */
type Body = () => unknown;
interface Test {
  name: string;
  body: Body | null; // null: skipped
}

const tests: Test[] = [];
const before: Body[] = [];
const after: Body[] = [];
const path: string[] = [];

export function describe(name: string, body: () => void): void {
  path.push(name);
  try {
    body();
  } finally {
    path.pop();
  }
}

export const it = Object.assign((name: string, body: Body) => void tests.push({ name: [...path, name].join(' > '), body }), {
  skip: (name: string) => void tests.push({ name: [...path, name].join(' > '), body: null }),
});
export const test = it;
export const beforeAll = (f: Body): void => void before.push(f);
export const afterAll = (f: Body): void => void after.push(f);

function fail(what: string | undefined, detail: string): never {
  throw new Error(what === undefined ? detail : `${what}: ${detail}`);
}

const show = (v: unknown): string => inspect(v, { depth: 4, breakLength: Infinity });

function matchers(actual: unknown, what: string | undefined, negate: boolean) {
  const check = (ok: boolean, detail: string): void => {
    if (ok === negate) fail(what, `${negate ? 'not ' : ''}${detail}`);
  };
  return {
    toBe: (want: unknown) => { check(Object.is(actual, want), `expected ${show(actual)} to be ${show(want)}`); },
    toBeNull: () => { check(actual === null, `expected ${show(actual)} to be null`); },
    toEqual: (want: unknown) => { check(isDeepStrictEqual(actual, want), `expected ${show(actual)} to equal ${show(want)}`); },
    toHaveLength: (n: number) => { check((actual as { length: number }).length === n, `expected length ${n}, got ${show(actual)}`); },
    toMatch: (re: RegExp | string) => { check(new RegExp(re).test(String(actual)), `expected ${show(actual)} to match ${String(re)}`); },
    toThrow: (want?: string | RegExp) => {
      let thrown: unknown = undefined;
      let threw = false;
      try {
        (actual as () => unknown)();
      } catch (e) {
        thrown = e;
        threw = true;
      }
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      const matches = want === undefined || (typeof want === 'string' ? message.includes(want) : want.test(message));
      check(threw && matches, `expected a throw${want === undefined ? '' : ` matching ${String(want)}`}, got ${threw ? show(message) : 'none'}`);
    },
  };
}

export function expect(actual: unknown, what?: string) {
  return {
    ...matchers(actual, what, false),
    not: matchers(actual, what, true),
    resolves: {
      toBe: async (want: unknown) => { matchers(await (actual), what, false).toBe(want); },
    },
  };
}

/** Runs every registered test; resolves to the number that failed. */
export async function runRegistered(timeoutMs: number): Promise<number> {
  const failures: string[] = [];
  let passed = 0;
  let skipped = 0;
  for (const f of before) await f();
  for (const t of tests) {
    if (t.body === null) {
      skipped++;
      process.stdout.write(`skip ${t.name}\n`);
      continue;
    }
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => (timer = setTimeout(() => { reject(new Error(`timed out after ${timeoutMs} ms`)); }, timeoutMs)));
      await Promise.race([Promise.resolve(t.body()), timeout]).finally(() => { clearTimeout(timer); });
      passed++;
    } catch (e) {
      failures.push(t.name);
      process.stdout.write(`FAIL ${t.name}\n     ${(e instanceof Error ? e.message : String(e)).split('\n')[0]!}\n`);
    }
  }
  for (const f of after) await f();
  process.stdout.write(`\n${passed} passed, ${failures.length} failed, ${skipped} skipped of ${tests.length}\n`);
  return failures.length;
}
