import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import {
  ArgumentError,
  FormatError,
  nn,
  optim,
  registerBackend,
  setDefaultDevice,
  tensor,
  unregisterBackend,
} from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

/**
 * Malformed state dicts, as PyTorch's "Error(s) in loading state_dict": each is a FormatError
 * (ArgumentError where the argument is not a dict at all) naming what is wrong, and the module or
 * optimizer holds exactly what it held before, so that loading a good dict afterwards works.
 */
beforeAll(() => {
  registerBackend(fakeBackend('state-dict-test'));
  setDefaultDevice('state-dict-test');
});
afterAll(() => {
  unregisterBackend('state-dict-test');
});

const values = (t: Tensor): number[] => Array.from(t.toTypedArraySync());

/** Two parameters, so that a dict can be right about the first and wrong about the second. */
class Pair extends nn.Module {
  readonly w = new nn.Parameter(tensor([2, 3]));
  readonly b = new nn.Parameter(tensor([1]));
  forward(x: Tensor): Tensor {
    return x.mul(this.w).add(this.b);
  }
}

type BadModuleDict = [string, () => unknown, typeof FormatError | typeof ArgumentError, RegExp];

describe('Module.loadStateDict', () => {
  const good = () => ({ w: tensor([7, 8]), b: tensor([9]) });
  const disposed = () => {
    const b = tensor([9]);
    b.dispose();
    return b;
  };
  const cases: BadModuleDict[] = [
    ['a missing key', () => ({ w: tensor([7, 8]) }), FormatError, /Missing key\(s\) in state_dict: "b"/],
    ['an unexpected key', () => ({ ...good(), c: tensor([1]) }), FormatError, /Unexpected key\(s\) in state_dict: "c"/],
    [
      'a wrong shape after a right one',
      () => ({ w: tensor([7, 8]), b: tensor([9, 9]) }),
      FormatError,
      /size mismatch for b: copying a param with shape \[2\] from checkpoint, the shape in current model is \[1\]/,
    ],
    [
      'a value that is not a tensor',
      () => ({ w: tensor([7, 8]), b: [9] }),
      FormatError,
      /value for b: expected a Tensor, got Array/,
    ],
    [
      'a disposed tensor',
      () => ({ w: tensor([7, 8]), b: disposed() }),
      FormatError,
      /value for b: the tensor was disposed/,
    ],
    [
      "a key named 'constructor'",
      () => ({ ...good(), constructor: tensor([1]) }),
      FormatError,
      /Unexpected key\(s\) in state_dict: "constructor"/,
    ],
    [
      "a key named '__proto__'",
      () => JSON.parse('{"__proto__": 1, "w": 1, "b": 1}') as unknown,
      FormatError,
      /Unexpected key\(s\) in state_dict: "__proto__"[\s\S]*value for w: expected a Tensor, got number/,
    ],
    [
      'no dict at all',
      () => null,
      ArgumentError,
      /^Pair\.loadStateDict: expected a state dict \(tensors by name\), got null/,
    ],
    ['a tensor in place of a dict', () => tensor([1]), ArgumentError, /got Tensor/],
  ];

  it.each(cases)('refuses %s and changes nothing', (_, dict, kind, message) => {
    const m = new Pair();
    const [w, b] = [m.w, m.b];
    expect(() => m.loadStateDict(dict() as Record<string, Tensor>)).toThrow(kind);
    expect(() => m.loadStateDict(dict() as Record<string, Tensor>)).toThrow(message);
    if (kind === FormatError)
      expect(() => m.loadStateDict(dict() as Record<string, Tensor>)).toThrow(
        /^Error\(s\) in loading state_dict for Pair:/,
      );
    // The same parameter objects, with their old values.
    expect(m.w).toBe(w);
    expect(m.b).toBe(b);
    expect(values(m.w)).toEqual([2, 3]);
    expect(values(m.b)).toEqual([1]);
    // The module takes a good dict afterwards.
    expect(m.loadStateDict(good())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(values(m.w)).toEqual([7, 8]);
    expect(values(m.b)).toEqual([9]);
  });

  it('with strict false, reports missing and unexpected keys and loads the rest', () => {
    const m = new Pair();
    expect(m.loadStateDict({ w: tensor([5, 6]), c: tensor([0]) }, false)).toEqual({
      missingKeys: ['b'],
      unexpectedKeys: ['c'],
    });
    expect(values(m.w)).toEqual([5, 6]);
    expect(values(m.b)).toEqual([1]);
    // A shape mismatch is an error even then, before anything is written.
    expect(() => m.loadStateDict({ w: tensor([0, 0]), b: tensor([1, 2]) }, false)).toThrow(FormatError);
    expect(values(m.w)).toEqual([5, 6]);
  });
});

/** SGD with momentum after one step from grad [1, 1] with lr 0.1: w = [1.9, 2.9], buffer = [1, 1]. */
function stepped(): { a: Tensor; c: Tensor; opt: optim.SGD } {
  const a = tensor([2, 3], { requiresGrad: true });
  const c = tensor([5], { requiresGrad: true });
  const opt = new optim.SGD([{ params: [a] }, { params: [c], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
  a.grad = tensor([1, 1]);
  opt.step();
  return { a, c, opt };
}

type Dict = ReturnType<optim.SGD['stateDict']>;
type BadOptimizerDict = [string, (d: Dict) => unknown, RegExp];

describe('Optimizer.loadStateDict', () => {
  const group = (d: Dict, i: number, change: Record<string, unknown>) => ({
    ...d,
    paramGroups: d.paramGroups.map((g, j) => (j === i ? { ...g, ...change } : { ...g, lr: 0.01 })),
  });
  const cases: BadOptimizerDict[] = [
    [
      'one group too few',
      (d) => ({ ...d, paramGroups: [{ ...d.paramGroups[0], lr: 0.01 }] }),
      /^SGD: loaded state dict has 1 parameter groups, the optimizer has 2/,
    ],
    [
      'a group of another size',
      (d) => group(d, 1, { params: [1, 2] }),
      /^SGD: loaded state dict's group 1 has 2 parameters, the optimizer's has 1/,
    ],
    [
      'a learning rate that is not a number',
      (d) => group(d, 1, { lr: '0.1' }),
      /group 1 has lr = string, expected a number/,
    ],
    [
      'a negative learning rate',
      (d) => group(d, 1, { lr: -1 }),
      /group 1: SGD: invalid learning rate -1, expected a number >= 0/,
    ],
    [
      'a flag that is not a boolean',
      (d) => group(d, 1, { nesterov: 1 }),
      /group 1 has nesterov = number, expected a boolean/,
    ],
    ['no paramGroups', (d) => ({ state: d.state }), /has no paramGroups array \(got undefined\)/],
    ['no state', (d) => ({ paramGroups: d.paramGroups, state: null }), /has no state object \(got null\)/],
    [
      'state of a parameter it does not have',
      (d) => ({ ...d, state: { ...d.state, 2: {} } }),
      /has state for parameter '2', the optimizer has parameters 0 to 1/,
    ],
    ['state under a key that is not an index', (d) => ({ ...d, state: { x: {} } }), /has state for parameter 'x'/],
    [
      'a buffer of the wrong shape',
      (d) => ({ ...d, state: { 0: { momentumBuffer: tensor([1, 2, 3]) } } }),
      /has momentumBuffer of shape \[3\] in state 0, the parameter's shape is \[2\]/,
    ],
    [
      'a state value that is neither tensor nor number',
      (d) => ({ ...d, state: { 0: { momentumBuffer: 'x' } } }),
      /has momentumBuffer = string in state 0, expected a tensor or a number/,
    ],
    ['a state that is not an object', (d) => ({ ...d, state: { 0: 3 } }), /has state 0 = number, expected an object/],
  ];

  it.each(cases)('refuses %s as a FormatError and changes nothing', (_, bad, message) => {
    const { a, opt } = stepped();
    const saved = opt.stateDict();
    const buffer = opt.state.get(a)!.momentumBuffer as Tensor;
    expect(() => {
      opt.loadStateDict(bad(saved) as Dict);
    }).toThrow(FormatError);
    expect(() => {
      opt.loadStateDict(bad(saved) as Dict);
    }).toThrow(message);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
    expect(opt.paramGroups.map((g) => g.nesterov)).toEqual([false, false]);
    expect(opt.state.size).toBe(1);
    expect(opt.state.get(a)!.momentumBuffer).toBe(buffer);
    expect(values(buffer)).toEqual([1, 1]);
    // A good dict loads afterwards: group 0's rate from it, and the buffer it holds.
    opt.loadStateDict({ ...saved, paramGroups: saved.paramGroups.map((g, i) => ({ ...g, lr: i === 0 ? 0.2 : g.lr })) });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.2, 0.5]);
    expect(values(opt.state.get(a)!.momentumBuffer as Tensor)).toEqual([1, 1]);
  });

  it('refuses something that is not a dict as an ArgumentError', () => {
    const { opt } = stepped();
    expect(() => {
      opt.loadStateDict(null as unknown as Dict);
    }).toThrow(ArgumentError);
    expect(() => {
      opt.loadStateDict(null as unknown as Dict);
    }).toThrow(/^SGD\.loadStateDict: expected a state dict \{state, paramGroups\}, got null/);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
  });

  it('round-trips a good dict into a fresh optimizer, which then steps as the first would', () => {
    const { a, c, opt } = stepped();
    const again = new optim.SGD([{ params: [a] }, { params: [c] }], { lr: 0.1, momentum: 0.9 });
    again.loadStateDict(opt.stateDict());
    expect(again.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
    // Momentum: buffer = 0.9 [1, 1] + [1, 1] = [1.9, 1.9], a = [1.9, 2.9] - 0.1 [1.9, 1.9].
    a.grad = tensor([1, 1]);
    again.step();
    values(a).forEach((v, i) => {
      expect(v).toBeCloseTo([1.71, 2.71][i]!, 6);
    });
  });
});
