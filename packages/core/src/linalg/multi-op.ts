import { isGradEnabled } from '../autograd/grad-mode.js';
import { modifiedError, Node, splitEdges } from '../autograd/node.js';
import type { Tensor } from '../tensor.js';
import { viewOf } from '../ops/dispatch.js';
import { quiet } from './util.js';

/**
 * Ops with several differentiable outputs (eigh's eigenvalues and eigenvectors, qr's Q and R,
 * svd's U, S and Vh, slogdet's sign and logabsdet): ONE node, with PyTorch's name, whose outputs
 * are numbered as PyTorch numbers them. Its backward receives the gradient of each output (null
 * for those that got none, so a formula can skip their terms, as PyTorch's undefined gradients).
 */

/** Gradients of the inputs, from those of the outputs (null: none reached it) and the saved tensors. */
export type MultiBackward = (
  grads: readonly (Tensor | null)[],
  saved: readonly Tensor[],
  needs: readonly boolean[],
) => (Tensor | null)[];

class MultiOpNode extends Node {
  private saved: readonly Tensor[] | null;
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
    const full = Array.from({ length: this.count }, (_, i) => grads[i] ?? null);
    if (full.every((g) => g === null)) return this.nextNodes.map(() => null);
    this.checkRunnable();
    return this.backward(
      full,
      this.saved!,
      this.nextNodes.map((n) => n !== null),
    );
  }

  override release(): void {
    this.saved = null;
  }

  override get savedTensors(): readonly Tensor[] {
    this.checkRunnable();
    return this.saved!;
  }

  override get _outputCount(): number {
    return this.count;
  }

  override checkRunnable(): void {
    const saved = this.saved;
    if (saved === null)
      throw new Error(
        `${this.name}: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Specify \`retainGraph: true\` if you need to backward through the graph a second time.`,
      );
    saved.forEach((t, i) => {
      if (t._store.version !== this.versions[i])
        throw modifiedError(this.name, t, t._gradFn, t._outputNr, this.versions[i]!);
    });
  }
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
  const outs = quiet(forward).map((o) => viewOf(o, o.shape, o.strides, o.offset));
  if (!isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return outs;
  const node = new MultiOpNode(name, inputs, saved(outs), backward, differentiable);
  for (let i = 0; i < differentiable; i++) {
    outs[i]!._gradFn = node;
    outs[i]!._outputNr = i;
  }
  return outs;
}
