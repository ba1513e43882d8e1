import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { formatShape, shapesEqual } from '../shape.js';
import { AgError, ArgumentError, FormatError } from '../errors.js';
import { checkHyper, describe } from './check.js';
import type { OptimizerStateDict, ParamGroup, ParamState } from './optimizer.js';

/** A checked optimizer state dict: each group's hyperparameters and each parameter's state. */
export interface LoadedState<H> {
  readonly groups: H[];
  readonly state: Map<Tensor, ParamState>;
}

/**
 * Checks a whole optimizer state dict against the optimizer's groups before anything is written:
 * the groups and their parameter counts match, every hyperparameter has its default's type and
 * passes the constructor's checks, every state belongs to a parameter, and its tensors have the
 * parameter's shape. Tensors come back on the parameter's device and dtype (as PyTorch casts
 * them), converted here so that a conversion that fails fails before the optimizer changes.
 * Anything malformed is a FormatError (PyTorch's "loaded state dict ..." errors).
 */
export function checkedState<H extends object>(
  name: string,
  dict: OptimizerStateDict<H>,
  own: readonly ParamGroup<H>[],
  defaults: H,
): LoadedState<H> {
  const d = dict as unknown as Record<string, unknown>;
  if (typeof dict !== 'object' || dict === null)
    throw new ArgumentError(`${name}.loadStateDict: expected a state dict {state, paramGroups}, got ${describe(dict)}`);
  const fail = (what: string): never => {
    throw new FormatError(`${name}: loaded state dict${what}`);
  };
  if (!Array.isArray(d.paramGroups)) fail(` has no paramGroups array (got ${describe(d.paramGroups)})`);
  if (typeof d.state !== 'object' || d.state === null) fail(` has no state object (got ${describe(d.state)})`);
  const groups = d.paramGroups as unknown[];
  if (groups.length !== own.length) fail(` has ${groups.length} parameter groups, the optimizer has ${own.length}`);
  const hypers = groups.map((g, i) => checkedGroup(name, g, i, own[i]!.params.length, defaults, fail));
  const params = own.flatMap((g) => g.params);
  const state = new Map<Tensor, ParamState>();
  for (const [key, s] of Object.entries(d.state as Record<string, unknown>)) {
    const p = /^(0|[1-9][0-9]*)$/.test(key) ? params[Number(key)] : undefined;
    if (p === undefined)
      fail(` has state for parameter '${key}', the optimizer has parameters 0 to ${params.length - 1}`);
    state.set(p!, checkedParamState(key, s, p!, fail));
  }
  return { groups: hypers, state };
}

function checkedGroup<H extends object>(
  name: string,
  g: unknown,
  i: number,
  size: number,
  defaults: H,
  fail: (what: string) => never,
): H {
  if (typeof g !== 'object' || g === null || !Array.isArray((g as { params?: unknown }).params))
    fail(` has group ${i} without a params array (got ${describe(g)})`);
  const { params, ...hyper } = g as { params: unknown[] } & Record<string, unknown>;
  if (params.length !== size) fail(`'s group ${i} has ${params.length} parameters, the optimizer's has ${size}`);
  const expected = defaults as Record<string, unknown>;
  for (const [key, v] of Object.entries(hyper)) {
    if (!Object.hasOwn(expected, key)) continue;
    const want = expected[key];
    const same = Array.isArray(want) ? Array.isArray(v) : want === null || typeof v === typeof want;
    if (!same)
      fail(`'s group ${i} has ${key} = ${describe(v)}, expected a ${Array.isArray(want) ? 'list' : typeof want}`);
  }
  try {
    checkHyper(name, hyper);
  } catch (e) {
    if (!(e instanceof AgError)) throw e;
    fail(`'s group ${i}: ${e.message}`);
  }
  return hyper as H;
}

function checkedParamState(key: string, s: unknown, p: Tensor, fail: (what: string) => never): ParamState {
  if (typeof s !== 'object' || s === null) fail(` has state ${key} = ${describe(s)}, expected an object`);
  const out: ParamState = {};
  for (const [field, v] of Object.entries(s as Record<string, unknown>)) {
    if (typeof v === 'number') out[field] = v;
    else if (!isTensor(v)) fail(` has ${field} = ${describe(v)} in state ${key}, expected a tensor or a number`);
    else if (v.isDisposed) fail(` has a disposed tensor as ${field} in state ${key}`);
    else if (!shapesEqual(v.shape, p.shape))
      fail(
        ` has ${field} of shape ${formatShape(v.shape)} in state ${key}, the parameter's shape is ${formatShape(p.shape)}`,
      );
    else out[field] = v.to({ dtype: p.dtype, device: p.device });
  }
  return out;
}
