import type { Backend, DType, NestedArray } from '@ag/core';
import { Tensor, gradcheck, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '@ag/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, ErrorCase, OpCase } from './case.js';
import { allCases, TWIN_DEVICE, type CaseId } from './cases/index.js';
import { seedCells, type SeedScope } from './seed.js';
import { DEFAULT_TOLERANCE, flattenNested, mismatch, type Tolerance } from './tolerance.js';

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
}

/** Runs every conformance case against a backend, as a vitest suite. */
export function runConformance(options: ConformanceOptions): void {
  let backend: Backend | null = null;
  const tolerance = (dtype: DType): Tolerance => options.tolerance?.[dtype] ?? DEFAULT_TOLERANCE[dtype];

  beforeAll(async () => {
    backend = await options.setup();
    registerBackend(backend);
    setDefaultDevice(backend.name);
    // A second device for the mixing-devices cases: the same backend under another name.
    registerBackend(Object.create(backend, { name: { value: TWIN_DEVICE } }) as Backend);
  });
  afterAll(() => {
    unregisterBackend(TWIN_DEVICE);
    if (backend !== null) unregisterBackend(backend.name);
  });

  const check: Check = {
    async close(actual, expected, what = 'value') {
      expect(actual, `${what} is null`).not.toBeNull();
      const t = actual!;
      const want = flattenNested(expected);
      expect([...t.shape], `${what} shape`).toEqual(want.shape);
      const got = Array.from(await t.toTypedArray());
      const bad = mismatch(got, want.values, tolerance(t.dtype));
      expect(bad, `${what}: ${bad}`).toBeNull();
    },
    equal(actual, expected, what = 'value') {
      expect(actual, what).toEqual(expected);
    },
    throws(fn, message) {
      expect(fn).toThrow(message);
    },
  };

  const caseTest = (id: CaseId, body: () => Promise<void>) => {
    const known = options.knownFailures?.[id];
    if (known === undefined) {
      it(id, body);
      return;
    }
    it(`${id} (known failure: ${known})`, async () => {
      let passed = false;
      try {
        await body();
        passed = true;
      } catch {
        // expected
      }
      expect(passed, `${id} is listed as a known failure but passes: remove it from knownFailures`).toBe(false);
    });
  };

  describe('seed tutorial', () => {
    const scope: SeedScope = {};
    for (const cell of seedCells) {
      it(`${cell.label}: ${cell.source.split('\n')[0]}`, async () => {
        const printed = await cell.run(scope);
        expect(printed).toHaveLength(cell.expected.length);
        cell.expected.forEach((want, i) => {
          if (typeof want === 'string') expect(cpuForm(printed[i]!)).toBe(want);
          else expect(printed[i]).toMatch(want);
        });
      });
    }
  });

  describe('ops', () => {
    for (const c of allCases.ops) caseTest(c.id as CaseId, () => runOpCase(c, check, () => backend!));
  });
  describe('bad input', () => {
    for (const c of allCases.errors) caseTest(c.id as CaseId, () => runErrorCase(c));
  });
  describe('autograd', () => {
    for (const c of allCases.scripts) caseTest(c.id as CaseId, () => c.run(check));
  });
}

function makeInputs(c: OpCase, dtypeFor: (spec: DType) => DType): Tensor[] {
  return c.inputs.map((spec) =>
    tensor(spec.values, { dtype: dtypeFor(spec.dtype ?? 'float32'), requiresGrad: spec.requiresGrad ?? false }),
  );
}

async function runOpCase(c: OpCase, check: Check, backend: () => Backend): Promise<void> {
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
  if (c.noGradcheck !== true && c.inputs.some((s) => s.requiresGrad === true)) {
    const f64 = backend().dtypes.includes('float64');
    const fresh = makeInputs(c, (d) => (d === 'float32' && f64 ? 'float64' : d));
    const opts = f64 ? { eps: 1e-6, atol: 1e-6, rtol: 1e-4 } : { eps: 1e-2, atol: 1e-2, rtol: 1e-2 };
    await expect(gradcheck(c.run, fresh, opts)).resolves.toBe(true);
  }
}

async function runErrorCase(c: ErrorCase): Promise<void> {
  const inputs = c.inputs();
  const before = await Promise.all(inputs.map(snapshot));
  if (inputs.every((t) => t.backend.readSync !== undefined)) {
    expect(() => c.run(...inputs)).toThrow(c.throws);
  } else {
    // Devices without synchronous reads check some inputs on the device (index ranges on WebGPU)
    // and report a failure at the next read, as CUDA does: the call, or reading its result, throws.
    const error = await errorOf(() => c.run(...inputs));
    expect(() => {
      if (error instanceof Error) throw error;
      if (error !== undefined) throw new Error(`threw a non-Error: ${JSON.stringify(error)}`);
    }).toThrow(c.throws);
  }
  const after = await Promise.all(inputs.map(snapshot));
  expect(after, 'inputs are unchanged by the failed call').toEqual(before);
}

/** What `run`, or reading the tensor it returns, throws; undefined when neither does. */
async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    const out = run();
    if (out instanceof Tensor) await out.toArray();
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
