/**
 * How an op joins the autograd graph: the elementwise primitives' gradients are the rule tables
 * (autograd/rules), which elementwise.ts records through `defineOp`; every other op calls
 * `defineOp` once, with its name, inputs, forward, saved values and backward written at the call.
 */
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import type { BackwardFn, Node } from '../autograd/node.js';
import { OpNode } from '../autograd/node.js';
import { activeSavedHooks, PackedSaved } from '../autograd/saved-hooks.js';
import { forgetInternalBase } from '../autograd/view-history.js';
import type { Tensor } from '../tensor.js';
import { viewOf, viewOp } from './dispatch.js';
import { activeTracer, unheard, type OpTracer } from './trace-hook.js';
import { AutogradError } from '../errors.js';

/** The saved values of an op that saves none: one shared empty list. */
export const NOTHING_SAVED: readonly Tensor[] = [];

/** Whether an op on these inputs records a graph node. */
export function anyRequiresGrad(inputs: readonly Tensor[]): boolean {
  if (!isGradEnabled()) return false;
  for (let i = 0; i < inputs.length; i++) if (inputs[i]!.requiresGrad) return true;
  return false;
}

/**
 * An op's result, recorded (when grad mode is on and an input requires grad) as ONE node named
 * `name`, PyTorch's grad_fn name, whose backward gives the gradients of `inputs`.
 *
 * - `forward` is either the result itself, already computed by a kernel or as a view (the
 *   primitives: nothing more is allocated), or a function composing other ops, which then runs
 *   without recording them: the user sees one node, as in PyTorch, whatever the forward did.
 * - `saved` are the tensors the backward reads, in order (checked against in-place writes);
 *   a function of the result when the backward needs it (save the result itself, not a value
 *   computed beside it: a double backward then differentiates it through this node).
 * - `backward` is written with public ops, so that a backward with `createGraph` records a
 *   graph of its own and gradients of gradients are right; `attrs` is what else it needs.
 */
export function defineOp<A, const S extends readonly Tensor[] = readonly Tensor[]>(
  name: string,
  inputs: readonly Tensor[],
  forward: Tensor | (() => Tensor),
  saved: S | ((out: Tensor) => S),
  backward: OpBackward<A, S>,
  attrs: A,
): Tensor {
  const bw = backward as BackwardFn<A>;
  const tracer = activeTracer();
  if (tracer !== null) return traced(tracer, name, inputs, forward, saved, bw, attrs);
  if (typeof forward === 'function') return recordComposite(name, inputs, forward, saved, bw, attrs);
  if (!anyRequiresGrad(inputs)) return forward;
  return recordNode(forward, name, inputs, typeof saved === 'function' ? saved(forward) : saved, bw, attrs);
}

/** A {@link BackwardFn} that reads its saved values as the tuple `defineOp` was given. */
export type OpBackward<A, S extends readonly Tensor[]> = (
  grad: Tensor,
  saved: S,
  attrs: A,
  needs: readonly boolean[],
) => (Tensor | null)[];

/**
 * An op under an export trace: recorded as usual and told to the tracer, or, for a composite
 * op the tracer maps only through its parts, its forward run with grad on so that each part
 * is itself recorded (and told) as an op.
 */
function traced<A>(
  tracer: OpTracer,
  name: string,
  inputs: readonly Tensor[],
  forward: Tensor | (() => Tensor),
  saved: readonly Tensor[] | ((out: Tensor) => readonly Tensor[]),
  backward: BackwardFn<A>,
  attrs: A,
): Tensor {
  if (typeof forward === 'function' && !tracer.mapsWhole(name)) return forward();
  const out =
    typeof forward === 'function'
      ? unheard(() => recordComposite(name, inputs, forward, saved, backward, attrs))
      : anyRequiresGrad(inputs)
        ? recordNode(forward, name, inputs, typeof saved === 'function' ? saved(forward) : saved, backward, attrs)
        : forward;
  tracer.record(name, inputs, out, attrs);
  return out;
}

function recordComposite<A>(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor,
  saved: readonly Tensor[] | ((out: Tensor) => readonly Tensor[]),
  backward: BackwardFn<A>,
  attrs: A,
): Tensor {
  const recording = anyRequiresGrad(inputs);
  let y = recording ? noGrad(forward) : forward();
  // A fresh tensor when the forward returned an input itself (a no-op): an op's result is new.
  // It shares the input's values: a view of it, so that an in-place write to it with grad on
  // rewrites the input's history too (autograd/view-history.ts).
  if (inputs.includes(y)) y = viewOp(y, y.shape, y.strides, y.offset);
  else if (y._gradFn !== null) y = viewOf(y, y.shape, y.strides, y.offset);
  if (!recording) return y;
  return recordNode(y, name, inputs, typeof saved === 'function' ? saved(y) : saved, backward, attrs);
}

function recordNode<A>(
  out: Tensor,
  name: string,
  inputs: readonly Tensor[],
  saved: readonly Tensor[],
  backward: BackwardFn<A>,
  attrs: A,
): Tensor {
  // Indexed loops: every recorded op runs these, and `for...of` may allocate an iterator.
  const n = inputs.length;
  for (let i = 0; i < n; i++) if (inputs[i]!._inference) throw inferenceError(name);
  for (let i = 0; i < saved.length; i++) if (saved[i]!._inference) throw inferenceError(name);
  const nodes = new Array<Node | null>(n);
  let nrs: number[] | null = null;
  for (let i = 0; i < n; i++) {
    const t = inputs[i]!;
    nodes[i] = t._edgeNode();
    // An input that is a later output of a multi-output op (one of split's chunks): the node
    // needs the list of output numbers, which it otherwise goes without.
    if (t._outputNr !== 0 && t._gradFn !== null) {
      nrs ??= new Array<number>(n).fill(0);
      nrs[i] = t._outputNr;
    }
  }
  const node = new OpNode(name, nodes, nrs, backward, attrs, saved, out);
  forgetInternalBase(out, inputs);
  out._gradFn = node;
  // Packed once the result is linked, so that a saved result stands for output 0 of this node.
  const hooks = activeSavedHooks();
  if (hooks !== null && saved.length > 0) node._packSaved((tensors, op) => PackedSaved.pack(hooks, tensors, op));
  return out;
}

export function inferenceError(name: string): Error {
  return new AutogradError(
    `${name}: Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.`,
  );
}
