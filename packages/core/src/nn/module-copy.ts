import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { noGrad } from '../autograd/grad-mode.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';

/**
 * A deep copy of a module, as Python's copy.deepcopy makes one (what PyTorch's Transformer
 * stacks clone their layer with): the same class and settings, submodules copied, parameters and
 * buffers copied to new storage with the same values; a module or tensor reached twice is copied
 * once (shared stays shared). Hooks are not copied. Settings objects (options) are shared, as
 * modules never change them.
 */
export function copyModule<M extends Module>(m: M): M {
  return noGrad(() => copyValue(m, new Map())) as M;
}

/** Module's own constructor under another class's prototype: a blank callable instance of it. */
class Blank extends Module {
  forward(): never {
    throw new Error('copyModule: a blank module has no forward');
  }
}

type Buffers = Map<string, { tensor: Tensor | null; persistent: boolean }>;

function copyValue(v: unknown, memo: Map<unknown, unknown>): unknown {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  const done = memo.get(v);
  if (done !== undefined) return done;
  if (v instanceof Parameter) return remember(memo, v, new Parameter(v.detach().clone(), v.requiresGrad));
  if (isTensor(v))
    return remember(
      memo,
      v,
      v
        .detach()
        .clone()
        .requiresGrad_(v.requiresGrad && v.isLeaf),
    );
  if (v instanceof Module) {
    const c = remember(memo, v, Reflect.construct(Blank, [], v.constructor) as Module);
    c.training = v.training;
    for (const [k, x] of Object.entries(v)) (c as unknown as Record<string, unknown>)[k] = copyValue(x, memo);
    // Buffers sit behind accessors bound to their module: registered again on the copy.
    const buffers = (v as unknown as { buffers_: Buffers }).buffers_;
    for (const [name, { tensor, persistent }] of buffers)
      c.registerBuffer(name, tensor === null ? null : (copyValue(tensor, memo) as Tensor), persistent);
    return c;
  }
  if (Array.isArray(v)) {
    const a = remember(memo, v, [] as unknown[]);
    for (const x of v) a.push(copyValue(x, memo));
    return a;
  }
  if (v instanceof Map) {
    const m = remember(memo, v, new Map<unknown, unknown>());
    for (const [k, x] of v) m.set(k, copyValue(x, memo));
    return m;
  }
  return v;
}

function remember<T>(memo: Map<unknown, unknown>, from: unknown, to: T): T {
  memo.set(from, to);
  return to;
}
