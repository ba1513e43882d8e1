import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import { Tensor, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '../src/index.js';
import { parseSignature, type Param } from '../src/checks/kinds.js';
import { checked } from '../src/checks/checked.js';
import { ArgumentError, ValueError } from '../src/errors.js';
import { methodSignature } from '../src/checks/methods.js';
import {
  AUTOGRAD,
  CLASSES,
  FFT,
  FUNCTIONAL,
  NN_UTILS,
  LINALG,
  NN_UTILS_RNN,
  OPS,
  SAFETENSORS,
  SCOPES,
  UTILS,
} from '../src/checks/signatures.js';
import { fakeBackend } from './fake-backend.js';

/**
 * Every public entry point checks its arguments (core/src/checks). These tests walk what
 * @ag/core exports and every Tensor method, so an op added without its line in signatures.ts
 * is named here.
 */

const backend = fakeBackend('checks-test');
beforeAll(() => {
  registerBackend(backend);
  setDefaultDevice('checks-test');
});
afterAll(() => {
  unregisterBackend('checks-test');
});

type Fn = (...args: unknown[]) => unknown;

/** An async function (what the grad modes and step refuse) returning `value`. */
function asyncFn<T>(value: T): () => Promise<T> {
  return async () => {
    await Promise.resolve();
    return value;
  };
}

/** Exports that are not entry points a user's mistake reaches: layout arithmetic and dtype helpers for backends, the registry. */
const UNCHECKED = new Set([
  'isTensor',
  'formatRepr',
  'contiguousStrides',
  'isContiguous',
  'numel',
  'allocHost',
  'isFloating',
  'dtypeOfTypedArray',
  'promoteTypes',
  'resultType',
  'registerBackend',
  'getBackend',
  'setDefaultDevice',
  'getDefaultDevice',
  'listDevices',
  'unregisterBackend',
  'layoutKind',
  'flatStep',
  'collapseLayout',
  'float16Bits',
  'float16Value',
  'bfloat16Bits',
  'bfloat16Value',
  'computeDtype',
  'isStorageDtype',
  'storageConstructor',
]);

/** Each checked namespace of @ag/core: its functions and their table of signatures. */
const NAMESPACES: [string, Record<string, unknown>, Record<string, string>][] = [
  ['', core, { ...OPS, ...AUTOGRAD, ...SCOPES }],
  ['functional.', core.functional, { ...OPS, ...FUNCTIONAL }],
  ['autograd.', core.autograd, AUTOGRAD],
  ['safetensors.', core.safetensors, SAFETENSORS],
  ['utils.', core.utils, UTILS],
  ['linalg.', core.linalg, LINALG],
  ['fft.', core.fft, FFT],
  ['nn.utils.', core.nn.utils, NN_UTILS],
  ['nn.utils.rnn.', core.nn.utils.rnn, NN_UTILS_RNN],
];

/** Every checked function: its name as errors give it, the function, its parameters. */
function entryPoints(): [string, Fn, readonly Param[]][] {
  const out: [string, Fn, readonly Param[]][] = [];
  for (const [prefix, ns, table] of NAMESPACES) {
    for (const [name, value] of Object.entries(ns)) {
      // Classes (capitalised) and the unchecked helpers are not functions a table lists.
      if (typeof value !== 'function' || /^[A-Z]/.test(name) || (prefix === '' && UNCHECKED.has(name))) continue;
      const signature = table[name];
      if (signature === undefined) continue; // named by the completeness test below
      // autograd's functions are the top-level ones (errors name them as `grad`, not `autograd.grad`).
      out.push([(prefix === 'autograd.' ? '' : prefix) + name, value as Fn, parseSignature(signature)]);
    }
  }
  return out;
}

/** A call that passes every check up to argument `upTo` (exclusive): each kind's example, a tensor where one goes. */
function argsBefore(params: readonly Param[], upTo: number, t: Tensor): unknown[] {
  return params.slice(0, upTo).map((p) => (p.kind.test(t) ? t : p.kind.test([t]) ? [t] : p.kind.example));
}

const optionsParam = (params: readonly Param[]): number =>
  params.findIndex((p) => p.kind.expected.includes('an options object'));

describe('argument checks: completeness', () => {
  it('has a line in signatures.ts for every function @ag/core exports (and its namespaces)', () => {
    const missing: string[] = [];
    for (const [prefix, ns, table] of NAMESPACES) {
      for (const [name, value] of Object.entries(ns)) {
        if (typeof value !== 'function' || /^[A-Z]/.test(name) || (prefix === '' && UNCHECKED.has(name))) continue;
        if (table[name] === undefined) missing.push(prefix + name);
      }
    }
    expect(missing, 'add their lines to core/src/checks/signatures.ts').toEqual([]);
  });

  it('has a signature for every Tensor method (its op line, or a line in METHODS)', () => {
    const proto = Tensor.prototype as unknown as Record<string, unknown>;
    const missing = Object.getOwnPropertyNames(proto).filter((name) => {
      if (name === 'constructor' || name.startsWith('_')) return false;
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      return typeof d.value === 'function' && methodSignature(name) === undefined;
    });
    expect(missing, 'add their lines to METHODS in core/src/checks/signatures.ts').toEqual([]);
  });

  it('parses every line of the tables', () => {
    for (const table of [OPS, FUNCTIONAL, AUTOGRAD, SAFETENSORS, SCOPES, UTILS, LINALG, FFT, NN_UTILS, NN_UTILS_RNN]) {
      for (const line of Object.values(table)) expect(() => parseSignature(line)).not.toThrow();
    }
  });

  it('names a typo in a signature when the table loads', () => {
    expect(() => parseSignature('x: tensr')).toThrow(/bad signature 'x: tensr': expected a kind/);
    expect(() => parseSignature('x tensor')).toThrow(/expected ':'/);
  });
});

describe('argument checks: every exported function', () => {
  it('refuses an unknown option key, naming the op, the key and the keys it accepts', () => {
    const t = tensor([1, 2]);
    let walked = 0;
    for (const [name, fn, params] of entryPoints()) {
      const at = optionsParam(params);
      if (at < 0) continue;
      walked++;
      const args = [...argsBefore(params, at, t), { notAnOption: 1 }];
      expect(() => fn(...args), name).toThrow(TypeError);
      expect(() => fn(...args), name).toThrow(
        new RegExp(
          `^${name.replace('.', '\\.')}: argument ${at + 1} .*got the unknown option 'notAnOption'; it accepts`,
        ),
      );
    }
    expect(walked).toBeGreaterThan(40);
  });

  it('refuses an argument of the wrong kind, naming the op, the argument, what it got and what it accepts', () => {
    const t = tensor([1, 2]);
    const wrong = Symbol('wrong');
    for (const [name, fn, params] of entryPoints()) {
      const at = params.findIndex((p) => !p.kind.test(wrong));
      if (at < 0) continue;
      const args = [...argsBefore(params, at, t), wrong];
      expect(() => fn(...args), name).toThrow(new RegExp(`^${name.replace('.', '\\.')}: argument ${at + 1} \\('`));
    }
  });

  it('refuses one argument too many', () => {
    const t = tensor([1, 2]);
    for (const [name, fn, params] of entryPoints()) {
      if (params.some((p) => p.rest)) continue;
      const args = [...argsBefore(params, params.length, t), 'extra'];
      expect(() => fn(...args), name).toThrow(/takes at most \d+ arguments? \(.*\), got "extra"/);
    }
  });

  it('refuses a missing argument', () => {
    expect(() => (core.add as unknown as Fn)(tensor([1]))).toThrow(
      "add: missing argument 2 ('b'); it expects a Tensor or a number or a boolean",
    );
  });

  it('refuses an option of the wrong type, naming the option', () => {
    const x = tensor([1, 2]);
    expect(() => core.pad(x, [1, 1], { mode: 'mirror' as 'reflect' })).toThrow(
      `pad: argument 3 ('options') option 'mode' got "mirror"; it expects "constant" or "reflect" or "replicate" or "circular"`,
    );
    expect(() => core.sum(x, 0.5)).toThrow("sum: argument 2 ('dim') got number 0.5; it expects an integer");
    expect(() => core.zeros([2], { dtype: 'float8' as 'float32' })).toThrow(
      /zeros: argument 2 \('options'\) option 'dtype' got "float8"; it expects a dtype/,
    );
  });

  it('leaves every tensor as it was when it refuses a call', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.add(1, { alhpa: 2 } as never)).toThrow(/unknown option 'alhpa'/);
    expect(x.gradFn).toBe(null);
    expect(Array.from(x.toTypedArraySync())).toEqual([1, 2]);
  });
});

describe('argument checks: every Tensor method', () => {
  it('refuses an unknown option key on each method that takes options', () => {
    const t = tensor([1, 2]);
    const proto = Tensor.prototype as unknown as Record<string, Fn>;
    let walked = 0;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const params = name === 'constructor' || name.startsWith('_') ? undefined : methodSignature(name);
      if (params === undefined) continue;
      const at = optionsParam(params);
      if (at < 0) continue;
      walked++;
      const args = [...argsBefore(params, at, t), { notAnOption: 1 }];
      expect(() => proto[name]!.apply(t, args), name).toThrow(
        new RegExp(`^Tensor\\.${name}: argument ${at + 1} .*got the unknown option 'notAnOption'`),
      );
    }
    expect(walked).toBeGreaterThan(10);
  });

  it('refuses wrong kinds on methods, shape methods taking numbers or one list', () => {
    const x = tensor([1, 2, 3, 4]);
    expect(x.view(2, 2).shape).toEqual([2, 2]);
    expect(x.view([2, 2]).shape).toEqual([2, 2]);
    expect(() => x.view(2, '2' as unknown as number)).toThrow(
      `Tensor.view: argument 2 ('shape') got "2"; it expects an integer or an array of integers`,
    );
    expect(() => {
      x.backward(undefined, { inputz: [] } as never);
    }).toThrow(
      "Tensor.backward: argument 2 ('options') got the unknown option 'inputz'; it accepts 'retainGraph', 'createGraph', 'inputs'",
    );
  });
});

describe('the features the checks found dropped', () => {
  it('backward accumulates into `inputs` alone, leaves and non-leaves', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    const h = a.mul(b);
    const out = h.mul(h).sum(); // d/da = 2 a b^2, d/db = 2 a^2 b, d/dh = 2 h
    out.backward(undefined, { inputs: [a, h], retainGraph: true });
    expect(Array.from(a.grad!.toTypedArraySync())).toEqual([18, 64]);
    expect(b.grad).toBe(null);
    expect(Array.from(h.grad!.toTypedArraySync())).toEqual([6, 16]);
    out.backward(undefined, { inputs: b });
    expect(Array.from(b.grad!.toTypedArraySync())).toEqual([6, 32]);
    expect(Array.from(a.grad!.toTypedArraySync())).toEqual([18, 64]); // untouched
    expect(() => {
      out.backward(undefined, { inputs: [] });
    }).toThrow("'inputs' argument to backward() cannot be empty");
  });

  it('optimizer.step awaits an async closure before it steps, and refuses a closure that is not a function', async () => {
    const w = new core.nn.Parameter(tensor([1, 2]));
    const opt = new core.optim.SGD([w], { lr: 0.5 });
    const pending = opt.step(async () => {
      const loss = w.mul(w).sum();
      loss.backward();
      await loss.item();
      return loss;
    });
    expect(Array.from(w.toTypedArraySync())).toEqual([1, 2]); // not stepped before the loss resolves
    expect(await (await pending).item()).toBe(5);
    expect(Array.from(w.toTypedArraySync())).toEqual([0, 0]); // w - 0.5 * 2w
    expect(() => opt.step(1 as unknown as () => Tensor)).toThrow(
      'SGD.step: expected a closure (a function) or nothing, got number',
    );
  });

  it('a disposed tensor is refused by every op, on a device that keeps its values in host memory too', () => {
    const t = tensor([1, 2]);
    t.dispose();
    expect(() => t.add(1)).toThrow(
      'Tensor of shape [2] was disposed (t.dispose()) and cannot be used by an op any more',
    );
    expect(() => t.toArraySync()).toThrow(/disposed/);
  });

  it('async callbacks to the grad modes are refused, saying why', () => {
    for (const [name, fn] of [
      ['noGrad', core.noGrad],
      ['enableGrad', core.enableGrad],
      ['inferenceMode', core.inferenceMode],
      ['detectAnomaly', core.detectAnomaly],
    ] as const) {
      expect(() => fn(asyncFn(1)), name).toThrow(
        new RegExp(`^${name}: the function is async, but the mode it sets would end at its first \`await\``),
      );
      // A plain function returning a promise is caught after it returns, with the mode restored.
      expect(() => fn(() => Promise.resolve(1)), name).toThrow(/the function is async/);
      expect(core.isGradEnabled()).toBe(true);
      expect(core.isInferenceModeEnabled()).toBe(false);
      expect(core.isAnomalyEnabled()).toBe(false);
    }
  });

  it('where(condition) alone: the coordinates of the nonzero elements, one tensor per dim', () => {
    const [rows, cols] = core.where(
      tensor([
        [0, 1.5],
        [2, 0],
        [3, 4],
      ]),
    );
    expect(Array.from(rows!.toTypedArraySync())).toEqual([0, 1, 2, 2]);
    expect(Array.from(cols!.toTypedArraySync())).toEqual([1, 0, 0, 1]);
    expect(rows!.dtype).toBe('int32');
    expect(() => (core.where as unknown as Fn)(tensor([true]), 1)).toThrow(/where: expected both x and y/);
  });

  it('clamp takes its bounds by name (values: the conformance suite)', () => {
    const x = tensor([-1, 0.5, 2]);
    expect(() => core.clamp(x, { min: 0, mxa: 1 } as never)).toThrow(/clamp: argument 2 .*unknown option 'mxa'/);
    expect(() => core.clamp(x, {})).toThrow("clamp: at least one of 'min' or 'max' must not be None");
    expect(() => core.clamp(x, { min: 0 }, 1)).toThrow(/clamp: got both an options object and a positional max/);
  });

  it('nn.Conv1d and Conv2d refuse an unknown paddingMode', () => {
    expect(() => new core.nn.Conv2d(1, 1, 3, { paddingMode: 'mirror' as 'zeros' })).toThrow(
      `nn.Conv2d: argument 4 ('options') option 'paddingMode' got "mirror"; it expects "zeros" or "reflect" or "replicate" or "circular"`,
    );
  });
});

describe('argument checks: constructors that take options', () => {
  it('refuses an unknown option key to each class of CLASSES', () => {
    const namespaces = core as unknown as Record<string, Record<string, unknown>>;
    for (const [name, line] of Object.entries(CLASSES)) {
      const ns = ['nn', 'optim', 'data'].find((n) => name in namespaces[n]!)!;
      const cls = namespaces[ns]![name] as new (...args: unknown[]) => unknown;
      const params = parseSignature(line);
      const at = optionsParam(params);
      const args = [...argsBefore(params, at, tensor([1])), { notAnOption: 1 }];
      expect(() => new cls(...args), name).toThrow(
        new RegExp(`^${ns}\\.${name}: argument ${at + 1} .*got the unknown option 'notAnOption'`),
      );
    }
  });

  it('keeps instanceof and subclassing', () => {
    class Mine extends core.nn.Conv1d {}
    // (Building one needs kernels the fake backend lacks: the conformance suite builds them.)
    expect(Object.create(Mine.prototype)).toBeInstanceOf(core.nn.Conv1d);
    expect(Object.create(Mine.prototype)).toBeInstanceOf(core.nn.Module);
    expect(() => new Mine(1, 1, 3, { padingMode: 'circular' } as never)).toThrow(
      "nn.Conv1d: argument 4 ('options') got the unknown option 'padingMode'",
    );
  });
});

describe('argument checks: the class of the error', () => {
  const f = checked(
    'op',
    'x: number, mode?: "a"|"b"|null, options?: {reduction?: "mean"|"sum", p?: number}',
    (...args: unknown[]) => args.length,
  );
  const thrown = (call: () => unknown): unknown => {
    try {
      call();
    } catch (e) {
      return e;
    }
    return null;
  };

  it('throws a ValueError for a string outside the strings a parameter takes, as PyTorch does', () => {
    for (const call of [() => f(1, 'c'), () => f(1, null, { reduction: 'avg' })]) {
      const e = thrown(call);
      expect(e).toBeInstanceOf(ValueError);
      expect(e).not.toBeInstanceOf(TypeError);
    }
  });

  it('throws an ArgumentError (a TypeError) for a value of the wrong type, a missing one or an unknown key', () => {
    for (const call of [
      () => f('1'),
      () => f(undefined),
      () => f(1, 2),
      () => f(1, null, { reduction: 2 }),
      () => f(1, null, { p: 'x' }),
      () => f(1, null, { q: 1 }),
    ]) {
      const e = thrown(call);
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e).toBeInstanceOf(TypeError);
    }
  });
});
