import type { Backend, DType, ErrorKind, NestedArray, Tensor } from '@ag/core';
import { AgError, gradcheck, isTensor, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '@ag/core';
import type { Case, Check, ErrorCase, OpCase } from './case.js';
import { HOST_DEVICE, TWIN_DEVICE } from './case.js';
import { allCases, type CaseId } from './cases/index.js';
import { seedCells, type SeedCell, type SeedScope } from './seed.js';
import { testName } from './test-names.js';
import { deepEqual, show } from './plain-data.js';
import { DEFAULT_TOLERANCE, flattenNested, mismatch, type Tolerance } from './tolerance.js';

/**
 * Running the suite without a test runner: {@link runCase} checks one case and throws on the
 * first failure; {@link conformanceTests} lists every check of the suite as named tests for
 * whatever runs them (the vitest adapter, `@ag/conformance/vitest`; the portable bundle).
 */

export interface ConformanceOptions {
  /** Creates the backend under test (once, before the cases). */
  readonly setup: () => Backend | Promise<Backend>;
  /** Looser tolerances for this backend, by dtype. */
  readonly tolerance?: Partial<Record<DType, Tolerance>>;
  /**
   * Cases this backend is known to fail, with the reason. A listed case that passes fails the
   * run, so the list cannot go stale.
   */
  readonly knownFailures?: Partial<Record<CaseId, string>>;
  /**
   * The CPU backend, for a backend that is not the CPU: registered as {@link HOST_DEVICE}, so that
   * the device-copy cases copy between it and the backend under test (WebGPU to host and back).
   */
  readonly host?: () => Backend;
}

/** What a case runs against: the backend (registered as the default device) and its tolerances. */
export interface CaseEnv {
  readonly backend: Backend;
  readonly tolerance?: Partial<Record<DType, Tolerance>>;
  /** Whether op cases run their finite-difference gradient check (default true). */
  readonly gradcheck?: boolean;
}

/** A failed check: what was checked and how it differed. */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}

/**
 * Makes `backend` the default device, with the same backend registered a second time as
 * {@link TWIN_DEVICE} (for the cases that mix devices), and `host` as {@link HOST_DEVICE} where
 * `backend` is not the host itself. Returns the undo.
 */
export function useBackend(backend: Backend, host?: Backend): () => void {
  registerBackend(backend);
  setDefaultDevice(backend.name);
  registerBackend(Object.create(backend, { name: { value: TWIN_DEVICE } }) as Backend);
  const withHost = backend.name !== HOST_DEVICE && host !== undefined;
  if (withHost) registerBackend(host);
  return () => {
    if (withHost) unregisterBackend(HOST_DEVICE);
    unregisterBackend(TWIN_DEVICE);
    unregisterBackend(backend.name);
  };
}

/**
 * Runs one case against `env.backend`, which must be in use ({@link useBackend}). Resolves when
 * every check passes; rejects with a {@link ConformanceError} naming the first that does not.
 */
export async function runCase(c: Case, env: CaseEnv): Promise<void> {
  const check = checks((dtype) => env.tolerance?.[dtype] ?? DEFAULT_TOLERANCE[dtype]);
  if (isErrorCase(c)) return runErrorCase(c);
  if (isOpCase(c)) return runOpCase(c, check, env.backend, env.gradcheck ?? true);
  return c.run(check);
}

/** One named test of the suite. */
export interface ConformanceTest {
  /** The group: 'seed tutorial', 'ops', 'bad input' or 'autograd'. */
  readonly group: string;
  /** The case id, with the reason where the case is a known failure: `id (known failure: why)`. */
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** The whole suite for one backend: set up, run the tests in order (each may throw), tear down. */
export interface ConformanceSuite {
  readonly setUp: () => Promise<void>;
  readonly tests: readonly ConformanceTest[];
  readonly tearDown: () => void;
}

/** Every check of the suite as named tests, known failures inverted (one that passes fails). */
export function conformanceTests(options: ConformanceOptions): ConformanceSuite {
  let env: CaseEnv | null = null;
  let undo: (() => void) | null = null;
  const current = (): CaseEnv => {
    if (env === null) throw new Error('conformance: setUp has not run');
    return env;
  };
  const tests: ConformanceTest[] = [];
  const scope: SeedScope = {};
  for (const cell of seedCells) {
    tests.push({
      group: 'seed tutorial',
      name: `${cell.label}: ${cell.source.split('\n')[0]}`,
      run: () => runSeedCell(cell, scope),
    });
  }
  const add = (group: string, c: Case) => {
    const id = c.id as CaseId;
    const run = () => runCase(c, current());
    const known = options.knownFailures?.[id];
    if (known === undefined) {
      tests.push({ group, name: testName(id), run });
      return;
    }
    tests.push({
      group,
      name: testName(id, known),
      run: async () => {
        let passed = false;
        try {
          await run();
          passed = true;
        } catch {
          // expected
        }
        if (passed)
          throw new ConformanceError(`${id} is listed as a known failure but passes: remove it from knownFailures`);
      },
    });
  };
  for (const c of allCases.ops) add('ops', c);
  for (const c of allCases.errors) add('bad input', c);
  for (const c of allCases.scripts) add('autograd', c);
  return {
    async setUp() {
      const backend = await options.setup();
      undo = useBackend(backend, options.host?.());
      env = { backend, ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }) };
    },
    tests,
    tearDown() {
      undo?.();
      undo = null;
    },
  };
}

function isErrorCase(c: Case): c is ErrorCase {
  return 'throws' in c;
}

function isOpCase(c: Case): c is OpCase {
  return 'expected' in c;
}

function fail(what: string, detail: string): never {
  throw new ConformanceError(`${what}: ${detail}`);
}

/** The checks a case runs, with the backend's tolerance. */
function checks(tolerance: (dtype: DType) => Tolerance): Check {
  return {
    async close(actual, expected, what = 'value') {
      if (actual === null) fail(what, 'is null');
      const want = flattenNested(expected);
      if (!deepEqual([...actual.shape], want.shape))
        fail(`${what} shape`, `got ${show(actual.shape)}, expected ${show(want.shape)}`);
      const got = Array.from(await actual.toTypedArray());
      const bad = mismatch(got, want.values, tolerance(actual.dtype));
      if (bad !== null) fail(what, bad);
    },
    equal(actual, expected, what = 'value') {
      if (!deepEqual(actual, expected)) fail(what, `got ${show(actual)}, expected ${show(expected)}`);
    },
    throws(fn, message, kind) {
      expectThrow(() => fn(), message, 'call', kind);
    },
    async prints(actual, expected, what = 'printed form') {
      const got = cpuForm(await actual.repr());
      if (got !== expected) fail(what, `got ${show(got)}, expected ${show(expected)}`);
    },
  };
}

function expectThrow(fn: () => unknown, message: RegExp, what: string, kind?: ErrorKind): void {
  try {
    fn();
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (!message.test(text)) fail(what, `threw ${show(text)}, expected a message matching ${String(message)}`);
    if (kind !== undefined && !(e instanceof AgError && e.kind === kind)) {
      const got =
        e instanceof AgError ? `a ${e.name} (kind '${e.kind}')` : `a ${e instanceof Error ? e.name : typeof e}`;
      fail(what, `threw ${got}, expected an error of kind '${kind}'`);
    }
    return;
  }
  fail(what, `did not throw, expected a message matching ${String(message)}`);
}

async function runSeedCell(cell: SeedCell, scope: SeedScope): Promise<void> {
  const printed = await cell.run(scope);
  if (printed.length !== cell.expected.length)
    fail('printed lines', `got ${printed.length}, expected ${cell.expected.length}: ${show(printed)}`);
  cell.expected.forEach((want, i) => {
    const got = printed[i]!;
    if (typeof want === 'string' ? cpuForm(got) !== want : !want.test(got))
      fail(`line ${i + 1}`, `got ${show(got)}, expected ${show(want)}`);
  });
}

function makeInputs(c: OpCase, dtypeFor: (spec: DType) => DType): Tensor[] {
  return c.inputs.map((spec) =>
    tensor(spec.values, { dtype: dtypeFor(spec.dtype ?? 'float32'), requiresGrad: spec.requiresGrad ?? false }),
  );
}

async function runOpCase(c: OpCase, check: Check, backend: Backend, withGradcheck: boolean): Promise<void> {
  const inputs = makeInputs(c, (d) => d);
  const out = c.run(...inputs);
  await check.close(out, c.expected, 'result');
  if (c.dtype !== undefined) check.equal(out.dtype, c.dtype, 'result dtype');
  if (c.gradFn !== undefined) check.equal(out.gradFn?.name, c.gradFn, 'gradFn');
  if (c.repr !== undefined) check.equal(cpuForm(await out.repr()), c.repr, 'printed form');
  if (c.grads !== undefined) {
    out.sum().backward();
    for (let i = 0; i < c.grads.length; i++) {
      const want = c.grads[i];
      if (want === null || want === undefined) check.equal(inputs[i]!.grad, null, `grad of input ${i}`);
      else await check.close(inputs[i]!.grad, want, `grad of input ${i}`);
    }
  }
  if (withGradcheck && c.noGradcheck !== true && c.inputs.some((s) => s.requiresGrad === true)) {
    const f64 = backend.dtypes.includes('float64');
    const fresh = makeInputs(c, (d) => (d === 'float32' && f64 ? 'float64' : d));
    const opts = f64 ? { eps: 1e-6, atol: 1e-6, rtol: 1e-4 } : { eps: 1e-2, atol: 1e-2, rtol: 1e-2 };
    if (!(await gradcheck(c.run, fresh, opts))) fail('gradcheck', 'analytical and numerical gradients differ');
  }
}

async function runErrorCase(c: ErrorCase): Promise<void> {
  const inputs = c.inputs();
  const before = await Promise.all(inputs.map(snapshot));
  if (inputs.every((t) => t.backend.readSync !== undefined)) {
    expectThrow(() => c.run(...inputs), c.throws, 'bad input', c.kind);
  } else {
    // Devices without synchronous reads check some inputs on the device (index ranges on WebGPU)
    // and report a failure at the next read, as CUDA does: the call, or reading its result, throws.
    const error = await errorOf(() => c.run(...inputs));
    expectThrow(
      () => {
        if (error instanceof Error) throw error;
        if (error !== undefined) throw new Error(`threw a non-Error: ${JSON.stringify(error)}`);
      },
      c.throws,
      'bad input',
      c.kind,
    );
  }
  const after = await Promise.all(inputs.map(snapshot));
  if (!deepEqual(after, before))
    fail('inputs are unchanged by the failed call', `got ${show(after)}, expected ${show(before)}`);
}

/** What `run`, or reading the tensor it returns, throws; undefined when neither does. */
async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    const out = run();
    if (isTensor(out)) await out.toArray();
  } catch (e) {
    return e;
  }
  return undefined;
}

async function snapshot(t: Tensor): Promise<unknown> {
  return {
    shape: [...t.shape],
    dtype: t.dtype,
    values: (await t.toArray()) satisfies NestedArray,
    grad: t.grad === null ? null : await t.grad.toArray(),
    requiresGrad: t.requiresGrad,
  };
}

/**
 * The printed form as on the CPU: PyTorch adds `device='...'` for tensors elsewhere, and the
 * expected forms are the CPU's (the seed's), so that suffix is left out of the comparison.
 */
function cpuForm(printed: string): string {
  return printed.replace(/,\s*device='[^']*'/g, '');
}
