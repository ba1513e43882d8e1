import { keep } from '../memory/scope.js';
import { noGrad } from '../autograd/grad-mode.js';
import type { OpTracer } from '../ops/trace-hook.js';
import { unheard } from '../ops/trace-hook.js';
import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { MAPPERS } from './op-map.js';

/** One op as the trace heard it: its grad_fn name, inputs, result and backward attributes. */
export interface TracedOp {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: unknown;
}

/**
 * Hears every op the forward runs (ops/trace-hook.ts), in order. The last op to produce a tensor
 * is its producer: an op that computes its result with other ops first (max pooling's
 * windows) is heard after them, and replaces them. A tensor no heard op made is a graph input,
 * a parameter, or a constant; constants are copied when first met, since the forward may free them.
 */
export class Tracer implements OpTracer {
  readonly producer = new Map<Tensor, TracedOp>();
  readonly constants = new Map<Tensor, Tensor>();

  constructor(private readonly known: ReadonlySet<Tensor>) {}

  mapsWhole(name: string): boolean {
    return Object.hasOwn(MAPPERS, name);
  }

  record(name: string, inputs: readonly Tensor[], output: Tensor, attrs: unknown): void {
    for (const t of inputs) this.seen(t);
    for (const t of tensorsIn(attrs)) this.seen(t);
    this.producer.set(output, { name, inputs: [...inputs], output, attrs });
  }

  private seen(t: Tensor): void {
    if (this.producer.has(t) || this.known.has(t) || this.constants.has(t)) return;
    // A non-leaf the trace did not hear being made: an error if the graph uses it. A leaf (a
    // parameter a plain function closes over, say) is a constant like any other.
    if (t.gradFn !== null) return;
    this.constants.set(t, keep(unheard(() => noGrad(() => t.clone()))));
  }
}

/** The tensors among an op's attributes (embedding's indices, batch norm's running statistics). */
export function tensorsIn(attrs: unknown): Tensor[] {
  if (typeof attrs !== 'object' || attrs === null) return [];
  const out: Tensor[] = [];
  for (const v of Object.values(attrs) as unknown[]) {
    if (isTensor(v)) out.push(v);
    else if (typeof v === 'object' && v !== null && !Array.isArray(v))
      for (const w of Object.values(v) as unknown[]) if (isTensor(w)) out.push(w);
  }
  return out;
}
