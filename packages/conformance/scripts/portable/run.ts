import { conformanceTests, type ConformanceOptions } from '../../src/index.ts';

/**
 * The portable runner (see bundle.ts): runs the suite in order, one test at a time, with no test
 * runner, printing one line per failure and a summary. Resolves to the number of failures.
 */
export async function runPortable(options: ConformanceOptions, timeoutMs: number): Promise<number> {
  const suite = conformanceTests(options);
  const failures: string[] = [];
  let passed = 0;
  await suite.setUp();
  try {
    for (const t of suite.tests) {
      const name = `${t.group} > ${t.name}`;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`timed out after ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        await Promise.race([t.run(), timeout]);
        passed++;
      } catch (e) {
        failures.push(name);
        process.stdout.write(`FAIL ${name}\n     ${(e instanceof Error ? e.message : String(e)).split('\n')[0]!}\n`);
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    suite.tearDown();
  }
  process.stdout.write(`\n${passed} passed, ${failures.length} failed of ${suite.tests.length}\n`);
  return failures.length;
}
