import { isFloating } from './dtype.js';
import { formatShape } from './shape.js';
import type { Tensor } from './tensor.js';
import { tensor, zerosLike } from './ops/creation.js';
import { cat } from './ops/join.js';
import { enableGrad, noGrad } from './autograd/grad-mode.js';
import { grad } from './autograd/functional.js';
import { tidy } from './memory/scope.js';
import { AutogradError, DTypeError } from './errors.js';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6: meant for float64 inputs; use ~1e-2 for float32). */
  eps?: number;
  atol?: number;
  rtol?: number;
}

/**
 * Checks the gradients autograd computes for `fn` against central finite differences (like
 * torch.autograd.gradcheck in its fast mode: along a fixed projection `v` of the output, for
 * every element of every input that requires grad). Resolves true, or rejects with the first
 * mismatch: input, element, analytic and numerical values. Async, so it runs on every device.
 */
export async function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): Promise<boolean> {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  for (const x of inputs) {
    if (x.requiresGrad && !isFloating(x.dtype))
      throw new DTypeError(`gradcheck: inputs that require grad must be floating point, got ${x.dtype}`);
  }
  const leaves = inputs.map((x) => (x.requiresGrad ? x.detach().clone().requiresGrad_(true) : x));
  const out = fn(...leaves);
  // A fixed, irregular projection, so that every output element counts with its own weight.
  const v = tensor(
    Array.from({ length: out.numel() }, (_, i) => 1 + 0.5 * Math.sin(1.7 * i + 0.3)),
    { dtype: out.dtype, device: out.device },
  ).reshape(out.shape);
  const project = (y: Tensor) => y.mul(v).sum();
  project(out).backward();

  for (let i = 0; i < inputs.length; i++) {
    const x = leaves[i]!;
    if (!x.requiresGrad) continue;
    const analytic = x.grad === null ? new Float64Array(x.numel()) : Float64Array.from(await x.grad.toTypedArray());
    const base = Float64Array.from(await x.toTypedArray());
    const evaluate = async (j: number, delta: number): Promise<number> => {
      const values = base.slice();
      values[j] = values[j]! + delta;
      // Two evaluations per element make thousands of tensors; on a GPU their buffers would wait
      // for the garbage collector, which small JS objects hardly wake, so they go at once: the
      // shifted input (the view and the tensor under it), the detached leaves and what fn makes.
      const projected = tidy(() => {
        const shifted = tensor(values, { dtype: x.dtype, device: x.device }).reshape(x.shape);
        const args = leaves.map((l, k) => (k === i ? shifted : l.detach()));
        return noGrad(() => project(fn(...args)));
      });
      try {
        return await projected.item();
      } finally {
        projected.dispose();
      }
    };
    for (let j = 0; j < base.length; j++) {
      const numerical = ((await evaluate(j, eps)) - (await evaluate(j, -eps))) / (2 * eps);
      const a = analytic[j]!;
      if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
        throw new AutogradError(
          `gradcheck: Jacobian mismatch for input ${i} (shape ${formatShape(x.shape)}) at element ${j}: ` +
            `analytic ${a}, numerical ${numerical} (eps ${eps}, atol ${atol}, rtol ${rtol})`,
        );
      }
    }
  }
  return true;
}

/**
 * Checks second derivatives of `fn` (torch.autograd.gradgradcheck): the gradients of `fn`
 * along a fixed projection `v` of its output, computed with `createGraph`, are themselves
 * checked by {@link gradcheck} against finite differences. Options as gradcheck's.
 */
export async function gradgradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): Promise<boolean> {
  const needs = inputs.map((x) => x.requiresGrad);
  const probe = noGrad(() => fn(...inputs.map((x) => x.detach())));
  const v = tensor(
    Array.from({ length: probe.numel() }, (_, i) => 0.7 + 0.4 * Math.cos(2.3 * i + 0.1)),
    { dtype: probe.dtype, device: probe.device },
  ).reshape(probe.shape);
  const firstGrads = (...xs: Tensor[]): Tensor =>
    enableGrad(() => {
      const ins = xs.map((x, k) => (needs[k] === true && !x.requiresGrad ? x.detach().requiresGrad_(true) : x));
      const wrt = ins.filter((_, k) => needs[k] === true);
      const out = fn(...ins);
      const gs = out.requiresGrad
        ? grad(out, wrt, { gradOutputs: v, createGraph: true, allowUnused: true })
        : wrt.map(() => null);
      return cat(
        gs.map((g, k) => (g ?? zerosLike(wrt[k]!)).reshape([-1])),
        0,
      );
    });
  return gradcheck(firstGrads, inputs, options);
}
