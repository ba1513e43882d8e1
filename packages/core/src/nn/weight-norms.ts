import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { clampMin } from '../ops/unary-math.js';
import { Module } from './module.js';
import type { RemovableHandle } from './module-hooks.js';
import { Parameter } from './parameter.js';
import { empty } from './empty.js';
import { normal_ } from './init.js';
import { ArgumentError, IndexError, ValueError } from '../errors.js';

/**
 * Reparametrisations of a module's weight by a forward pre-hook, as PyTorch's older
 * torch.nn.utils.weight_norm and spectral_norm do: the weight becomes a plain tensor the hook
 * computes before each call from new parameters (weight_g and weight_v; weight_orig and the
 * buffers weight_u, weight_v), under PyTorch's names so that state dicts load across.
 */

type Fields = Record<string, unknown>;

/** The hooks in place, by module and parameter name (a second one on a parameter is an error). */
interface Installed {
  kind: 'weightNorm' | 'spectralNorm';
  handle: RemovableHandle;
  dim: number;
}
const installed = new WeakMap<Module, Map<string, Installed>>();

function hooksOf(module: Module): Map<string, Installed> {
  let m = installed.get(module);
  if (m === undefined) installed.set(module, (m = new Map<string, Installed>()));
  return m;
}

function takeParameter(op: string, module: Module, name: string): Parameter {
  if (!(module instanceof Module)) throw new ArgumentError(`${op}: expected a Module, got ${typeof module}`);
  const w = (module as unknown as Fields)[name];
  if (!(w instanceof Parameter))
    throw new ValueError(`${op}: ${module.constructor.name} has no parameter named '${name}'`);
  if (hooksOf(module).has(name))
    throw new ValueError(
      `${op}: Cannot register two ${hooksOf(module).get(name)!.kind} hooks on the same parameter ${name}`,
    );
  // Deleted, then set again as a plain tensor: it is no parameter any more.
  Reflect.deleteProperty(module, name);
  return w;
}

/** The `kind` hook on `name` removed and forgotten (the error names the remove function and PyTorch's hook). */
function releaseHook(module: Module, name: string, kind: Installed['kind'], torchName: string): Installed {
  const hook = installed.get(module)?.get(name);
  const op = `remove${kind[0]!.toUpperCase()}${kind.slice(1)}`;
  if (hook?.kind !== kind)
    throw new ValueError(`${op}: ${torchName} of '${name}' not found in ${module.constructor.name}`);
  hook.handle.remove();
  installed.get(module)!.delete(name);
  return hook;
}

/** The 2-norm over every dim but `dim`, kept as size-1 dims; over the whole tensor for dim -1 (PyTorch's norm_except_dim). */
function normExceptDim(v: Tensor, dim: number): Tensor {
  if (dim === -1) return v.norm();
  const others = v.shape.map((_, i) => i).filter((i) => i !== dim);
  return v.pow(2).sum(others, true).sqrt();
}

/**
 * w = g v / ||v|| with the norm over every dim but `dim` (torch.nn.utils.weight_norm): replaces the
 * parameter `name` by `name_g` (the norms, shaped as w with 1s but along dim) and `name_v` (the
 * direction); `dim` null takes the norm over the whole tensor. Returns the module.
 */
export function weightNorm<M extends Module>(module: M, name = 'weight', dim: number | null = 0): M {
  const op = 'weightNorm';
  const w = (module as unknown as Fields)[name];
  // PyTorch takes dim None as -1, which its norm_except_dim reads as the whole tensor.
  const d = dim ?? -1;
  if (w instanceof Parameter && (!Number.isInteger(d) || d < -1 || d >= w.ndim))
    throw new IndexError(`${op}: dim ${d} is out of range for a weight of shape ${formatShape(w.shape)}`);
  const weight = takeParameter(op, module, name);
  const own = module as unknown as Fields;
  const compute = () => {
    const v = own[`${name}_v`] as Tensor;
    return v.mul((own[`${name}_g`] as Tensor).div(normExceptDim(v, d)));
  };
  module.registerParameter(`${name}_g`, new Parameter(noGrad(() => normExceptDim(weight, d))));
  module.registerParameter(`${name}_v`, new Parameter(noGrad(() => weight.detach().clone())));
  own[name] = compute();
  const handle = module.registerForwardPreHook(() => {
    own[name] = compute();
  });
  hooksOf(module).set(name, { kind: op, handle, dim: d });
  return module;
}

/** Undoes {@link weightNorm}: `name` is a parameter again, holding the current g v / ||v||. */
export function removeWeightNorm<M extends Module>(module: M, name = 'weight'): M {
  const own = module as unknown as Fields;
  releaseHook(module, name, 'weightNorm', 'weight_norm');
  const weight = noGrad(() => (own[name] as Tensor).detach().clone());
  for (const k of [name, `${name}_g`, `${name}_v`]) Reflect.deleteProperty(own, k);
  module.registerParameter(name, new Parameter(weight));
  return module;
}

/** x / max(||x||, eps), as F.normalize over a vector. */
const normalize = (x: Tensor, eps: number) => x.div(clampMin(x.norm(), eps));

/** The weight as the matrix whose top singular value is estimated: `dim` first, the rest flattened. */
function weightMatrix(w: Tensor, dim: number): Tensor {
  const m = dim === 0 ? w : w.permute(dim, ...w.shape.map((_, i) => i).filter((i) => i !== dim));
  return m.reshape(m.shape[0]!, -1);
}

export interface SpectralNormOptions {
  nPowerIterations?: number;
  eps?: number;
  /** The dim of the output channels: 0, or 1 for transposed convolutions (the default for them). */
  dim?: number | null;
}

/**
 * w / sigma(w), sigma the largest singular value of the weight estimated by power iteration
 * (torch.nn.utils.spectral_norm): `name_orig` is the parameter, the buffers `name_u` and `name_v`
 * the singular vectors (drawn from N(0, 1) and normalised), refined by `nPowerIterations` steps
 * at each call in training and kept as they are in eval. Returns the module.
 */
export function spectralNorm<M extends Module>(module: M, name = 'weight', options: SpectralNormOptions = {}): M {
  const op = 'spectralNorm';
  const n = options.nPowerIterations ?? 1;
  const eps = options.eps ?? 1e-12;
  if (!(Number.isInteger(n) && n > 0))
    throw new ValueError(`${op}: Expected n_power_iterations to be positive, but got n_power_iterations=${n}`);
  const d = options.dim ?? (module.constructor.name.startsWith('ConvTranspose') ? 1 : 0);
  const w0 = (module as unknown as Fields)[name];
  if (w0 instanceof Parameter && (!Number.isInteger(d) || d < 0 || d >= w0.ndim))
    throw new IndexError(`${op}: dim ${d} is out of range for a weight of shape ${formatShape(w0.shape)}`);
  const weight = takeParameter(op, module, name);
  const own = module as unknown as Fields;
  const [h, wd] = weightMatrix(weight, d).shape as [number, number];
  const place = { device: weight.device, dtype: weight.dtype as 'float32' | 'float64' };
  const u0 = noGrad(() => normalize(normal_(empty([h], place)), eps));
  const v0 = noGrad(() => normalize(normal_(empty([wd], place)), eps));
  module.registerParameter(`${name}_orig`, weight);
  own[name] = weight.detach();
  module.registerBuffer(`${name}_u`, u0);
  module.registerBuffer(`${name}_v`, v0);
  const handle = module.registerForwardPreHook((m) => {
    own[name] = spectralWeight(m, name, d, m.training ? n : 0, eps);
  });
  hooksOf(module).set(name, { kind: op, handle, dim: d });
  return module;
}

/** weight_orig / (u^T W v), after `iterations` power steps on u and v (which update the buffers). */
function spectralWeight(module: Module, name: string, dim: number, iterations: number, eps: number): Tensor {
  const w = (module as unknown as Fields)[`${name}_orig`] as Tensor;
  const mat = weightMatrix(w, dim);
  let u = module.getBuffer(`${name}_u`)!;
  let v = module.getBuffer(`${name}_v`)!;
  if (iterations > 0) {
    noGrad(() => {
      const m = mat.detach();
      for (let i = 0; i < iterations; i++) {
        v = normalize(m.t().matmul(u), eps);
        u = normalize(m.matmul(v), eps);
      }
    });
    module.setBuffer(`${name}_u`, u);
    module.setBuffer(`${name}_v`, v);
  }
  return w.div(u.dot(mat.matmul(v)));
}

/** Undoes {@link spectralNorm}: `name` is a parameter again, holding weight_orig / sigma with the current u and v. */
export function removeSpectralNorm<M extends Module>(module: M, name = 'weight'): M {
  const own = module as unknown as Fields;
  const hook = releaseHook(module, name, 'spectralNorm', 'spectral_norm');
  const weight = noGrad(() => spectralWeight(module, name, hook.dim, 0, 0).detach().clone());
  Reflect.deleteProperty(own, name);
  Reflect.deleteProperty(own, `${name}_orig`);
  // The buffers go too: their accessors and their entries (Module keeps buffers privately).
  const buffers = (module as unknown as { buffers_: Map<string, unknown> }).buffers_;
  for (const b of [`${name}_u`, `${name}_v`]) {
    buffers.delete(b);
    Reflect.deleteProperty(own, b);
  }
  module.registerParameter(name, new Parameter(weight));
  return module;
}
