import type { ErrorCase, OpCase } from '@ag/conformance';
import { ConformanceError, allCases, conformanceTests, runCase, useBackend } from '@ag/conformance';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpu } from '../src/index.js';

// runCase and conformanceTests need no test runner: a failed check rejects with a
// ConformanceError that names it, and a listed known failure that passes fails.
const backend = cpu();
let undo: () => void = () => undefined;
beforeAll(() => {
  undo = useBackend(backend);
});
afterAll(() => {
  undo();
});

const sumAll = allCases.ops.find((c) => c.id === 'sum/all')!;

it('resolves for a case the backend passes', async () => {
  await expect(runCase(sumAll, { backend })).resolves.toBeUndefined();
});

it('rejects naming the check that fails', async () => {
  const wrong: OpCase = { ...sumAll, expected: 22 };
  await expect(runCase(wrong, { backend })).rejects.toThrow(ConformanceError);
  await expect(runCase(wrong, { backend })).rejects.toThrow(/result: element 0: got 21, expected 22/);
  await expect(runCase({ ...sumAll, gradFn: 'MulBackward0' }, { backend })).rejects.toThrow(
    /gradFn: got "SumBackward0", expected "MulBackward0"/,
  );
});

it("checks an error case's kind when it names one", async () => {
  const broadcast = allCases.errors.find((c) => c.id === 'error/broadcast-mismatch')!;
  expect(broadcast.kind).toBe('shape');
  await expect(runCase(broadcast, { backend })).resolves.toBeUndefined();
  const wrongKind: ErrorCase = { ...broadcast, kind: 'index' };
  await expect(runCase(wrongKind, { backend })).rejects.toThrow(
    /bad input: threw a ShapeError \(kind 'shape'\), expected an error of kind 'index'/,
  );
  // A plain Error carries no kind, so a case that names one fails on it.
  const plain: ErrorCase = {
    id: 'error/plain',
    inputs: () => [],
    run: () => {
      throw new Error('op: a plain error');
    },
    throws: /op: a plain error/,
    kind: 'value',
  };
  await expect(runCase(plain, { backend })).rejects.toThrow(/threw a Error, expected an error of kind 'value'/);
  await expect(runCase({ ...plain, kind: undefined }, { backend })).resolves.toBeUndefined();
});

it('fails a listed known failure that passes', async () => {
  const suite = conformanceTests({ setup: () => backend, knownFailures: { 'sum/all': 'listed by mistake' } });
  const test = suite.tests.find((t) => t.name.startsWith('sum/all'))!;
  expect(test.name).toBe('sum/all (known failure: listed by mistake)');
  await suite.setUp();
  try {
    await expect(test.run()).rejects.toThrow(/listed as a known failure but passes/);
  } finally {
    suite.tearDown();
  }
});
