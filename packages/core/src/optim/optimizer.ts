import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { keep } from '../memory/scope.js';
import { enableGrad, noGrad } from '../autograd/grad-mode.js';

/** A group of parameters sharing hyperparameters (torch's param_groups). */
export interface ParamGroup<H> {
  params: Tensor[];
  options: H;
}

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

  constructor(params: Params<H>, defaults: H) {
    const name = this.constructor.name;
    const list = [...(params as Iterable<unknown>)];
    const isGroup = (x: unknown): x is { params: Iterable<Tensor> } & Partial<H> =>
      typeof x === 'object' && x !== null && 'params' in x;
    const groups =
      list.length > 0 && isGroup(list[0])
        ? (list as ({ params: Iterable<Tensor> } & Partial<H>)[])
        : [{ params: list as Tensor[] }];
    this.paramGroups = groups.map((g) => {
      const { params: ps, ...overrides } = g;
      const tensors = [...ps];
      for (const p of tensors) checkParam(name, p);
      return { params: tensors, options: { ...defaults, ...(overrides as Partial<H>) } };
    });
    const all = this.paramGroups.flatMap((g) => g.params);
    if (all.length === 0) throw new Error(`${name}: optimizer got an empty parameter list`);
    if (new Set(all).size !== all.length)
      throw new Error(`${name}: some parameters appear in more than one parameter group`);
  }

  /** The learning rate of each group (schedulers read and write `options.lr`). */
  protected abstract update(p: Tensor, grad: Tensor, state: ParamState, options: H): Tensor;

  /** Clears every parameter's `.grad` (set to null, PyTorch's default). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /**
   * One optimisation step over every parameter that has a gradient. A `closure` (PyTorch's: it
   * clears the gradients, computes the loss, calls `backward` and returns the loss) runs first,
   * with grad mode on, and `step` returns what it returned. It must be synchronous: await an
   * async loss first, then call `step()`.
   */
  step(): void;
  step<L>(closure: () => L): L;
  step<L>(closure?: () => L): L | undefined {
    let loss: L | undefined;
    if (closure !== undefined) {
      if (typeof closure !== 'function') {
        throw new TypeError(
          `${this.constructor.name}.step: expected a closure (a function) or nothing, got ${typeof closure}`,
        );
      }
      const isAsync = closure.constructor.name === 'AsyncFunction';
      if (!isAsync) loss = enableGrad(closure);
      if (isAsync || isThenable(loss)) {
        throw new TypeError(
          `${this.constructor.name}.step: the closure is async (it returns a Promise), and step runs synchronously; ` +
            'await the loss and backward yourself, then call step() without a closure',
        );
      }
    }
    this.stepOnce();
    return loss;
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
          p.copy_(this.update(p.detach(), grad, state, group.options));
          for (const v of Object.values(state)) if (typeof v === 'object') keep(v);
        }
      }
    });
  }

  stateDict(): OptimizerStateDict<H> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => ({
      ...g.options,
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

  loadStateDict(dict: OptimizerStateDict<H>): void {
    const name = this.constructor.name;
    if (dict.paramGroups.length !== this.paramGroups.length) {
      throw new Error(
        `${name}: loaded state dict has ${dict.paramGroups.length} parameter groups, the optimizer has ${this.paramGroups.length}`,
      );
    }
    dict.paramGroups.forEach((g, i) => {
      if (g.params.length !== this.paramGroups[i]!.params.length) {
        throw new Error(
          `${name}: loaded state dict's group ${i} has ${g.params.length} parameters, the optimizer's has ${this.paramGroups[i]!.params.length}`,
        );
      }
    });
    const params = this.paramGroups.flatMap((g) => g.params);
    this.state.clear();
    dict.paramGroups.forEach((g, i) => {
      const options: Partial<typeof g> = { ...g };
      delete options.params;
      this.paramGroups[i]!.options = { ...this.paramGroups[i]!.options, ...(options as unknown as H) };
    });
    for (const [i, s] of Object.entries(dict.state)) {
      const p = params[Number(i)];
      if (p !== undefined) this.state.set(p, { ...s });
    }
  }
}

function checkParam(name: string, t: unknown): void {
  if (!isTensor(t)) throw new Error(`${name}: optimizer params must be tensors, got ${typeof t}`);
  if (!t.isLeaf)
    throw new Error(
      `${name}: can't optimize a non-leaf Tensor (made by ${t.gradFn?.name}); optimize the leaves it was computed from`,
    );
  if (!t.requiresGrad)
    throw new Error(
      `${name}: optimizer can only optimize Tensors that require grad; this ${t.dtype} tensor of shape [${t.shape.join(', ')}] does not`,
    );
}

function isThenable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
