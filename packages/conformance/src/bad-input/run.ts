import type { Tensor } from '@ag/core';
import { isTensor, tensor } from '@ag/core';
import { deepEqual, show } from '../plain-data.js';
import {
  ConformanceError,
  useBackend,
  type ConformanceOptions,
  type ConformanceSuite,
  type ConformanceTest,
} from '../run.js';
import type { BadInput, Scene } from './entry.js';
import { badInputs } from './index.js';

/**
 * Runs the catalogue of bad inputs on a backend. Each entry must fail the way it says, leave
 * every tensor, parameter and optimizer state of its scene as it was, and leave the backend able
 * to compute: a tensor of the scene still reads back through an op, and a fresh product comes out
 * right.
 */

function fail(what: string, detail: string): never {
  throw new ConformanceError(`${what}: ${detail}`);
}

/** Runs one entry on the backend in use ({@link useBackend}); rejects on the first failed check. */
export async function runBadInput(entry: BadInput): Promise<void> {
  const scene = entry.setup();
  const before = await snapshot(scene);
  const error = await errorOf(() => entry.call(scene));
  if (error === undefined)
    fail('bad input', `did not throw, expected ${entry.throws.name} matching ${String(entry.message)}`);
  const text = error instanceof Error ? error.message : show(error);
  if (!entry.message.test(text))
    fail('message', `${className(error)} ${show(text)}, expected one matching ${String(entry.message)}`);
  if (!(error instanceof entry.throws))
    fail('error class', `threw ${className(error)} (${show(text)}), expected ${entry.throws.name}`);
  const after = await snapshot(scene);
  if (!deepEqual(after, before)) fail('unchanged by the failed call', `got ${show(after)}, expected ${show(before)}`);
  await checkNextOps(scene, before);
}

/** The backend to run the catalogue on (as for the suite), and what it is known to fail. */
export interface BadInputOptions extends Pick<ConformanceOptions, 'setup' | 'host'> {
  /** Entries this backend is known to fail, by name, with the reason; one that passes fails. */
  readonly knownFailures?: Readonly<Record<string, string>>;
}

/** The catalogue as named tests (group 'bad input catalogue'), known failures inverted. */
export function badInputTests(options: BadInputOptions): ConformanceSuite {
  let undo: (() => void) | null = null;
  const tests: ConformanceTest[] = badInputs.map((entry) => {
    const known = options.knownFailures?.[entry.name];
    if (known === undefined) return { group: 'bad input catalogue', name: entry.name, run: () => runBadInput(entry) };
    return {
      group: 'bad input catalogue',
      name: `${entry.name} (known failure: ${known})`,
      run: async () => {
        const passed = await runBadInput(entry).then(
          () => true,
          () => false,
        );
        if (passed) throw new ConformanceError(`${entry.name} is listed as a known failure but passes`);
      },
    };
  });
  return {
    async setUp() {
      undo = useBackend(await options.setup(), options.host?.());
    },
    tests,
    tearDown() {
      undo?.();
      undo = null;
    },
  };
}

/** What the call throws, its promise rejects with, or reading the tensor it returns throws. */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    const out = call();
    if (isThenable(out)) await out;
    // A device without synchronous reads reports index values out of range at the next read.
    if (isTensor(out)) await out.toArray();
  } catch (e) {
    return e ?? new ConformanceError('threw undefined');
  }
  return undefined;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function className(e: unknown): string {
  return typeof e === 'object' && e !== null ? e.constructor.name : typeof e;
}

interface Snapshot {
  readonly tensors: unknown[];
  readonly module: unknown;
  readonly optimizer: unknown;
  readonly bytes: number[] | null;
}

async function snapshot(scene: Scene): Promise<Snapshot> {
  const module = scene.module;
  return {
    tensors: await Promise.all((scene.tensors ?? []).map(readTensor)),
    module:
      module === undefined
        ? null
        : {
            state: await readPlain(module.stateDict()),
            grads: await readPlain(module.parameters().map((p) => p.grad)),
            training: module.training,
          },
    optimizer: scene.optimizer === undefined ? null : await readPlain(scene.optimizer.stateDict()),
    bytes: scene.bytes === undefined ? null : Array.from(scene.bytes),
  };
}

async function readTensor(t: Tensor): Promise<unknown> {
  if (t.isDisposed) return 'disposed';
  return {
    shape: [...t.shape],
    dtype: t.dtype,
    device: t.device,
    values: await t.toArray(),
    grad: t.grad === null ? null : await t.grad.toArray(),
    requiresGrad: t.requiresGrad,
  };
}

/** Plain data with every tensor in it read out (state dicts, optimizer state). */
async function readPlain(v: unknown): Promise<unknown> {
  if (isTensor(v)) return readTensor(v);
  if (Array.isArray(v)) return Promise.all(v.map(readPlain));
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = await readPlain(x);
    return out;
  }
  return v;
}

/**
 * The backend still computes after the error: every live tensor of the scene goes through an op
 * (clone) and reads back what it held, and a fresh matrix product has its textbook value.
 */
async function checkNextOps(scene: Scene, before: Snapshot): Promise<void> {
  const tensors = scene.tensors ?? [];
  for (let i = 0; i < tensors.length; i++) {
    const t = tensors[i]!;
    if (t.isDisposed) continue;
    const values = await t.clone().toArray();
    const want = (before.tensors[i] as { values: unknown }).values;
    if (!deepEqual(values, want))
      fail(`tensor ${i} through clone() after the error`, `got ${show(values)}, expected ${show(want)}`);
  }
  // [[1, 2], [3, 4]] @ [[5], [6]] + 1 = [[1*5 + 2*6 + 1], [3*5 + 4*6 + 1]].
  const product = await tensor([
    [1, 2],
    [3, 4],
  ])
    .matmul(tensor([[5], [6]]))
    .add(1)
    .toArray();
  if (!deepEqual(product, [[18], [40]])) fail('the next valid op', `got ${show(product)}, expected [[18], [40]]`);
}
