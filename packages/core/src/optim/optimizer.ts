import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { keep } from '../memory/scope.js';
import { enableGrad, noGrad } from '../autograd/grad-mode.js';
import { checkHyper } from './check.js';
import { checkedState } from './load-state.js';
import { ArgumentError, ValueError } from '../errors.js';

/**
 * A group of parameters and the hyperparameters they share (torch's param_groups entry): the
 * hyperparameters are fields of the group, so `opt.paramGroups[0].lr` reads and writes the rate.
 */
export type ParamGroup<H> = H & { params: Tensor[] };

/** What an optimizer is given: tensors, or groups of them with their own hyperparameters. */
export type Params<H> = Iterable<Tensor> | readonly ({ params: Iterable<Tensor> } & Partial<H>)[];

/** Per-parameter state: tensors (moments) and numbers (step counts). */
export type ParamState = Record<string, Tensor | number>;

export interface OptimizerStateDict<H> {
  state: Record<number, ParamState>;
  paramGroups: (H & { params: number[] })[];
}

/**
 * The base of every optimizer (torch.optim.Optimizer): parameter groups with hyperparameters,
 * per-parameter state, `zeroGrad`, `step`, and state dicts that refer to parameters by index.
 * A subclass writes `update`, the math for one parameter, out of place; the base writes the
 * result into the parameter in place, so the model's parameter objects stay the same.
 */
export abstract class Optimizer<H extends object> {
  readonly paramGroups: ParamGroup<H>[];
  readonly state = new Map<Tensor, ParamState>();

  constructor(
    params: Params<H>,
    readonly defaults: H,
  ) {
    const list = [...(params as Iterable<unknown>)];
    const isGroup = (x: unknown): x is { params: Iterable<Tensor> } & Partial<H> =>
      typeof x === 'object' && x !== null && 'params' in x;
    const groups =
      list.length > 0 && isGroup(list[0])
        ? (list as ({ params: Iterable<Tensor> } & Partial<H>)[])
        : [{ params: list as Tensor[] } as unknown as { params: Iterable<Tensor> } & Partial<H>];
    this.paramGroups = [];
    for (const g of groups) this.addParamGroup(g);
    if (this.paramGroups.every((g) => g.params.length === 0))
      throw new ValueError(`${this.constructor.name}: optimizer got an empty parameter list`);
  }

  /**
   * Adds a group of parameters (torch's add_param_group), for instance layers unfrozen during
   * training: hyperparameters it leaves out take the optimizer's defaults.
   */
  addParamGroup(group: { params: Iterable<Tensor> } & Partial<H>): void {
    const name = this.constructor.name;
    if (typeof group !== 'object' || group === null || !('params' in group))
      throw new ArgumentError(
        `${name}.addParamGroup: expected a group {params, ...hyperparameters}, got ${String(group)}`,
      );
    const { params: ps, ...overrides } = group;
    const tensors = [...ps];
    for (const p of tensors) checkParam(name, p);
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    if (tensors.some((p) => seen.has(p)) || new Set(tensors).size !== tensors.length)
      throw new ValueError(`${name}: some parameters appear in more than one parameter group`);
    const hyper = { ...this.defaults, ...(overrides as Partial<H>) };
    checkHyper(name, hyper);
    this.paramGroups.push({ ...hyper, params: tensors });
  }

  /** One parameter's new value, out of place, from its gradient, state and group's hyperparameters. */
  protected abstract update(p: Tensor, grad: Tensor, state: ParamState, options: H): Tensor;

  /** Clears every parameter's `.grad` (set to null, PyTorch's default). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /**
   * One optimisation step over every parameter that has a gradient. A `closure` (PyTorch's: it
   * clears the gradients, computes the loss, calls `backward` and returns the loss) runs first,
   * with grad mode on, and `step` returns what it returned. An async closure (one that awaits
   * the loss, or reads it) makes `step` async too: the parameters move once it has resolved.
   */
  step(): void;
  step<L>(closure: () => L): L;
  step<L>(closure?: () => L): L | undefined {
    if (closure === undefined) {
      this.stepOnce();
      return undefined;
    }
    if (typeof closure !== 'function') {
      throw new ArgumentError(
        `${this.constructor.name}.step: expected a closure (a function) or nothing, got ${typeof closure}`,
      );
    }
    const loss = callClosure(closure);
    if (!isThenable(loss)) {
      this.stepOnce();
      return loss;
    }
    return (loss as PromiseLike<unknown>).then((value) => {
      this.stepOnce();
      return value;
    }) as L;
  }

  private stepOnce(): void {
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          const grad = p.grad;
          if (grad === null) continue;
          let state = this.state.get(p);
          if (state === undefined) {
            state = {};
            this.state.set(p, state);
          }
          p.copy_(this.update(p.detach(), grad, state, group));
          for (const v of Object.values(state)) if (typeof v === 'object') keep(v);
        }
      }
    });
  }

  stateDict(): OptimizerStateDict<H> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => ({
      ...g,
      params: g.params.map((p) => {
        index.set(p, index.size);
        return index.size - 1;
      }),
    }));
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = { ...s };
    }
    return { state, paramGroups };
  }

  /**
   * Takes the hyperparameters and state of a state dict from `stateDict()` (torch's
   * load_state_dict). The whole dict is checked first: a malformed one is a FormatError and
   * leaves the optimizer exactly as it was.
   */
  loadStateDict(dict: OptimizerStateDict<H>): void {
    const { groups, state } = checkedState(this.constructor.name, dict, this.paramGroups, this.defaults);
    groups.forEach((g, i) => {
      const group = this.paramGroups[i]!;
      Object.assign(group, { ...g, params: group.params });
    });
    this.state.clear();
    for (const [p, s] of state) {
      for (const v of Object.values(s)) if (typeof v === 'object') keep(v);
      this.state.set(p, s);
    }
  }
}

function checkParam(name: string, t: unknown): void {
  if (!isTensor(t)) throw new ArgumentError(`${name}: optimizer params must be tensors, got ${typeof t}`);
  if (!t.isLeaf)
    throw new ValueError(
      `${name}: can't optimize a non-leaf Tensor (made by ${t.gradFn?.name}); optimize the leaves it was computed from`,
    );
  if (!t.requiresGrad)
    throw new ValueError(
      `${name}: optimizer can only optimize Tensors that require grad; this ${t.dtype} tensor of shape [${t.shape.join(', ')}] does not`,
    );
}

/**
 * Calls an optimizer's closure with grad mode on (torch.enable_grad), as PyTorch does. An async
 * closure runs in the caller's mode instead: no mode can follow it past an `await`.
 */
export function callClosure<L>(closure: () => L): L {
  return closure.constructor.name === 'AsyncFunction' ? closure() : enableGrad(closure);
}

function isThenable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
