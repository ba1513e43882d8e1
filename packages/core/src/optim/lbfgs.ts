import { noGrad } from '../autograd/grad-mode.js';
import { tensor } from '../ops/creation.js';
import type { Tensor } from '../tensor.js';
import { checkHyper } from './check.js';
import { callClosure, Optimizer, type ParamState, type Params } from './optimizer.js';
import { strongWolfe, type Vec } from './line-search.js';
import { ArgumentError, ValueError } from '../errors.js';

export interface LBFGSOptions {
  lr: number;
  /** Iterations per `step`. */
  maxIter: number;
  /** Function evaluations per `step` (maxIter * 5 / 4 by default). */
  maxEval: number;
  /** Stop when every gradient entry is at most this in size. */
  toleranceGrad: number;
  /** Stop when the loss or the parameters change by less than this. */
  toleranceChange: number;
  /** How many past steps approximate the inverse Hessian. */
  historySize: number;
  /** 'strong_wolfe', or null for fixed steps of lr. */
  lineSearchFn: 'strong_wolfe' | null;
}

/** The loss a closure returns: a tensor, or a promise of one (reading it back is asynchronous). */
export type LossClosure = () => Tensor | Promise<Tensor>;

const dot = (a: Vec, b: Vec): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Vec): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
/** a + k b, as a new vector. */
const axpy = (a: Vec, k: number, b: Vec): Vec => a.map((v, i) => v + k * b[i]!);

/** The history L-BFGS keeps between steps (torch keeps it in the first parameter's state). */
interface History {
  d: Vec;
  t: number;
  dirs: Vec[];
  stps: Vec[];
  ro: number[];
  hDiag: number;
  prevGrad: Vec;
}

/**
 * L-BFGS (torch.optim.LBFGS, after minFunc): each `step(closure)` runs up to maxIter
 * quasi-Newton iterations, the direction from the two-loop recursion over the last historySize
 * steps, the step length lr (the first iteration's scaled by min(1, 1 / |g|_1)) or found by a
 * strong-Wolfe line search. The loss and gradients are read back every evaluation, so `step` is
 * async and returns a promise of the first loss, and the closure may be async. The direction
 * math runs on the host in float64 over the flattened parameters (one group only, as in PyTorch).
 */
export class LBFGS extends Optimizer<LBFGSOptions> {
  private readonly params: Tensor[];
  private history: History | null = null;

  constructor(params: Params<LBFGSOptions>, options: Partial<LBFGSOptions> = {}) {
    const maxIter = options.maxIter ?? 20;
    const o: LBFGSOptions = {
      lr: 1,
      maxIter,
      maxEval: Math.floor((maxIter * 5) / 4),
      toleranceGrad: 1e-7,
      toleranceChange: 1e-9,
      historySize: 100,
      lineSearchFn: null,
      ...options,
    };
    checkHyper('LBFGS', o);
    if (o.lineSearchFn !== null && o.lineSearchFn !== 'strong_wolfe')
      throw new ValueError(`LBFGS: only 'strong_wolfe' is supported as lineSearchFn, got '${String(o.lineSearchFn)}'`);
    super(params, o);
    if (this.paramGroups.length !== 1)
      throw new ValueError("LBFGS: doesn't support per-parameter options (parameter groups)");
    this.params = this.paramGroups[0]!.params;
  }

  /** Never called: L-BFGS moves all parameters together in `step`. */
  protected update(p: Tensor): Tensor {
    return p;
  }

  override addParamGroup(group: { params: Iterable<Tensor> } & Partial<LBFGSOptions>): void {
    if (this.paramGroups.length > 0)
      throw new ValueError("LBFGS: doesn't support per-parameter options (parameter groups)");
    super.addParamGroup(group);
  }

  /** Runs the iterations; resolves to the loss the first evaluation returned. */
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- L-BFGS reads the loss back, so its step is async (the base's closure-less step is sync)
  override step(closure?: LossClosure): Promise<Tensor> {
    if (typeof closure !== 'function')
      throw new ArgumentError(
        `LBFGS.step: expected a closure that computes the loss and its gradients, got ${typeof closure}`,
      );
    return this.run(closure);
  }

  private async run(closure: LossClosure): Promise<Tensor> {
    const group = this.paramGroups[0]!;
    const { lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize } = group;
    const state: ParamState = this.state.get(this.params[0]!) ?? { funcEvals: 0, nIter: 0 };
    this.state.set(this.params[0]!, state);
    const count = (key: 'funcEvals' | 'nIter', n: number) => (state[key] = (state[key] as number) + n);
    const evaluate = async (): Promise<[Tensor, number, Vec]> => {
      const loss = await callClosure(closure);
      return [loss, await loss.item(), await this.flatGrad()];
    };

    const [origLoss, firstLoss, firstGrad] = await evaluate();
    let loss = firstLoss;
    let g = firstGrad;
    let evals = 1;
    count('funcEvals', 1);
    if (maxAbs(g) <= toleranceGrad) return origLoss;

    let x = await this.flatParams();
    let nIter = 0;
    while (nIter < maxIter) {
      nIter++;
      count('nIter', 1);
      let h = this.history;
      const d = h === null ? g.map((v) => -v) : this.direction(h, g, historySize);
      const prevLoss = loss;
      let t = (state.nIter as number) === 1 ? Math.min(1, 1 / g.reduce((s, v) => s + Math.abs(v), 0)) * lr : lr;
      h = this.history = { ...(h ?? { dirs: [], stps: [], ro: [], hDiag: 1 }), d, t, prevGrad: g };
      const gtd = dot(g, d);
      if (gtd > -toleranceChange) break;

      let lsEvals = 0;
      let optimal = false;
      if (group.lineSearchFn === 'strong_wolfe') {
        const at = async (step: number, dir: Vec): Promise<[number, Vec]> => {
          this.setParams(axpy(x, step, dir));
          const [, f, grad] = await evaluate();
          return [f, grad];
        };
        const found = await strongWolfe(at, t, d, loss, g, gtd, toleranceChange);
        [loss, g, t, lsEvals] = [found.f, found.g, found.t, found.evals];
        h.t = t;
        x = this.setParams(axpy(x, t, d));
        optimal = maxAbs(g) <= toleranceGrad;
      } else {
        x = this.setParams(axpy(x, t, d));
        // The last iteration skips the evaluation: with a stochastic loss it would be wasted.
        if (nIter !== maxIter) {
          [, loss, g] = await evaluate();
          optimal = maxAbs(g) <= toleranceGrad;
          lsEvals = 1;
        }
      }
      evals += lsEvals;
      count('funcEvals', lsEvals);
      if (nIter === maxIter || evals >= maxEval || optimal) break;
      if (maxAbs(d) * Math.abs(t) <= toleranceChange || Math.abs(loss - prevLoss) < toleranceChange) break;
    }
    return origLoss;
  }

  /** The two-loop recursion: -H g from the stored (y, s) pairs, after storing the newest. */
  private direction(h: History, g: Vec, historySize: number): Vec {
    const y = g.map((v, i) => v - h.prevGrad[i]!);
    const s = h.d.map((v) => v * h.t);
    const ys = dot(y, s);
    if (ys > 1e-10) {
      if (h.dirs.length === historySize) {
        h.dirs.shift();
        h.stps.shift();
        h.ro.shift();
      }
      h.dirs.push(y);
      h.stps.push(s);
      h.ro.push(1 / ys);
      h.hDiag = ys / dot(y, y);
    }
    const al: number[] = [];
    let q = g.map((v) => -v);
    for (let i = h.dirs.length - 1; i >= 0; i--) {
      al[i] = dot(h.stps[i]!, q) * h.ro[i]!;
      q = axpy(q, -al[i]!, h.dirs[i]!);
    }
    let r = q.map((v) => v * h.hDiag);
    for (let i = 0; i < h.dirs.length; i++) {
      const be = dot(h.dirs[i]!, r) * h.ro[i]!;
      r = axpy(r, al[i]! - be, h.stps[i]!);
    }
    return r;
  }

  private async flatGrad(): Promise<Vec> {
    const parts = await Promise.all(
      this.params.map(async (p) =>
        p.grad === null ? new Array<number>(p.numel()).fill(0) : Array.from(await p.grad.toTypedArray(), Number),
      ),
    );
    return parts.flat();
  }

  private async flatParams(): Promise<Vec> {
    const parts = await Promise.all(this.params.map(async (p) => Array.from(await p.toTypedArray(), Number)));
    return parts.flat();
  }

  /** Writes the flat values into the parameters, in place, and returns them as stored (rounded to the dtype). */
  private setParams(x: Vec): Vec {
    let offset = 0;
    const stored: number[] = [];
    noGrad(() => {
      for (const p of this.params) {
        const values = tensor(x.slice(offset, offset + p.numel()), { dtype: p.dtype, device: p.device });
        p.copy_(values.reshape(p.shape));
        stored.push(
          ...(p.dtype === 'float32'
            ? Array.from(new Float32Array(x.slice(offset, offset + p.numel())))
            : x.slice(offset, offset + p.numel())),
        );
        offset += p.numel();
      }
    });
    return stored;
  }
}
