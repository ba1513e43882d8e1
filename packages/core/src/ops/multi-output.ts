import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { modifiedError, Node, splitEdges } from '../autograd/node.js';
import { activeSavedHooks, PackedSaved } from '../autograd/saved-hooks.js';
import { forgetInternalBase } from '../autograd/view-history.js';
import { tidy } from '../memory/scope.js';
import type { Tensor } from '../tensor.js';
import { zeros } from './creation.js';
import { viewOf } from './dispatch.js';
import { anyRequiresGrad, inferenceError } from './op-node.js';
import { AutogradError } from '../errors.js';

/**
 * Ops with several outputs and one graph node (PyTorch's UnbindBackward0, the linalg
 * factorizations' nodes): output i of the op is output i of the node, and the node's backward
 * sees all their gradients at once. The factorizations (eigh's eigenvalues and eigenvectors,
 * qr's Q and R, svd's U, S and Vh, slogdet's sign and logabsdet) and the reductions with two
 * results (varMean, stdMean, aminmax) define theirs with `defineMultiOp`, their outputs numbered
 * as PyTorch numbers them; the backward receives the gradient of each output (null for those
 * that got none, so a formula can skip their terms, as PyTorch's undefined gradients).
 */

/** Gradients of the inputs from those of the outputs (null: none reached it), the saved tensors and which inputs need one. */
export type MultiBackward = (
  grads: readonly (Tensor | null)[],
  saved: readonly Tensor[],
  needs: readonly boolean[],
) => (Tensor | null)[];

/** As OpNode for one output: saved tensors checked for in-place writes, freed after a backward without retainGraph. */
class MultiOutputNode extends Node {
  /** @internal The saved tensors, or what saved-tensor hooks packed them into (then no versions are checked). */
  saved: readonly Tensor[] | PackedSaved | null;
  private readonly versions: readonly number[];

  constructor(
    readonly name: string,
    inputs: readonly Tensor[],
    saved: readonly Tensor[],
    private readonly backward: MultiBackward,
    private readonly count: number,
  ) {
    super(...splitEdges(inputs.map((t) => t._edge())));
    this.saved = saved;
    this.versions = saved.map((t) => t._store.version);
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    const all = Array.from({ length: this.count }, (_, i) => grads[i] ?? null);
    if (all.every((g) => g === null)) return this.nextNodes.map(() => null);
    return this.backward(
      all,
      this.savedTensors,
      this.nextNodes.map((n) => n !== null),
    );
  }

  override release(): void {
    // A node that saved nothing can run again, as OpNode's.
    const saved = this.saved;
    if (saved !== null && (saved instanceof PackedSaved || saved.length > 0)) this.saved = null;
  }

  override get savedTensors(): readonly Tensor[] {
    this.checkRunnable();
    const saved = this.saved!;
    return saved instanceof PackedSaved ? saved.unpack(this.name) : saved;
  }

  override get keepsNothing(): boolean {
    // The unpack hook makes tensors the engine does not own: a hook may keep them.
    return !(this.saved instanceof PackedSaved);
  }

  override get _outputCount(): number {
    return this.count;
  }

  override checkRunnable(): void {
    const saved = this.saved;
    if (saved === null)
      throw new AutogradError(
        `${this.name}: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Specify \`retainGraph: true\` if you need to backward through the graph a second time.`,
      );
    if (saved instanceof PackedSaved) return;
    saved.forEach((t, i) => {
      if (t._store.version !== this.versions[i])
        throw modifiedError(this.name, t, t._gradFn, t._outputNr, this.versions[i]!);
    });
  }
}

/**
 * Makes the first `count` of `outputs` outputs 0..count-1 of one node named `name` over
 * `inputs` (the caller has checked that one requires grad): `saved` is what `backward` reads.
 */
export function recordMultiOutput(
  name: string,
  inputs: readonly Tensor[],
  outputs: readonly Tensor[],
  count: number,
  saved: readonly Tensor[],
  backward: MultiBackward,
): void {
  const node = new MultiOutputNode(name, inputs, saved, backward, count);
  for (let i = 0; i < count; i++) {
    forgetInternalBase(outputs[i]!, inputs);
    outputs[i]!._gradFn = node;
    outputs[i]!._outputNr = i;
  }
  // Packed once the outputs are linked, so that a saved output stands for its place in this node.
  const hooks = activeSavedHooks();
  if (hooks !== null && saved.length > 0) node.saved = PackedSaved.pack(hooks, saved, name);
}

/**
 * Records `outputs` (computed by the caller, views or fresh tensors) as the outputs of one node
 * named `name` over `inputs`, when grad mode is on and an input requires grad. An output that
 * got no gradient gets zeros, as PyTorch materializes them for such nodes.
 */
export function defineMultiOutputOp<A>(
  name: string,
  inputs: readonly Tensor[],
  outputs: Tensor[],
  backward: (grads: Tensor[], attrs: A) => (Tensor | null)[],
  attrs: A,
): Tensor[] {
  if (!anyRequiresGrad(inputs)) return outputs;
  for (const t of inputs) if (t._inference) throw inferenceError(name);
  const shapes = outputs.map((o) => o.shape);
  recordMultiOutput(name, inputs, outputs, outputs.length, [], (grads) => {
    const ref = grads.find((g) => g !== null)!;
    const all = shapes.map((shape, i) => grads[i] ?? zeros(shape, { dtype: ref.dtype, device: ref.device }));
    return backward(all, attrs);
  });
  return outputs;
}

/**
 * Runs `forward` (no graph, temporaries disposed) and, when an input requires grad, records one
 * node named `name` whose outputs are the first `differentiable` results (the rest, such as
 * pivots, are plain tensors). `saved(outputs)` lists what the backward reads.
 */
export function defineMultiOp(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor[],
  differentiable: number,
  saved: (outs: readonly Tensor[]) => readonly Tensor[],
  backward: MultiBackward,
): Tensor[] {
  // Fresh tensor objects over the results' storage: a result that is a view (a select of a
  // temporary) must not carry view history into the node's outputs.
  const outs = noGrad(() => tidy(forward)).map((o) => viewOf(o, o.shape, o.strides, o.offset));
  if (!isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return outs;
  recordMultiOutput(name, inputs, outs, differentiable, saved(outs), backward);
  return outs;
}
