import { Node } from '../autograd/node.js';
import type { Tensor } from '../tensor.js';
import { zeros } from './creation.js';
import { anyRequiresGrad, inferenceError } from './op-node.js';

/**
 * Ops with several outputs and one graph node (PyTorch's UnbindBackward0): each output is
 * output i of the node, and the node's backward sees all their gradients at once. An output
 * that got no gradient gets zeros, as PyTorch materializes them for such nodes.
 */
class MultiOutputNode<A> extends Node {
  constructor(
    readonly name: string,
    nextNodes: readonly (Node | null)[],
    nextNrs: readonly number[] | null,
    private readonly backwardFn: (grads: Tensor[], attrs: A) => (Tensor | null)[],
    private readonly attrs: A,
    private readonly shapes: readonly (readonly number[])[],
  ) {
    super(nextNodes, nextNrs);
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    if (grads.every((g) => g === null || g === undefined)) return this.nextNodes.map(() => null);
    const ref = grads.find((g) => g !== null && g !== undefined)!;
    const all = this.shapes.map((shape, i) => grads[i] ?? zeros(shape, { dtype: ref.dtype, device: ref.device }));
    return this.backwardFn(all, this.attrs);
  }

  override get keepsNothing(): boolean {
    return true;
  }

  override get _outputCount(): number {
    return this.shapes.length;
  }
}

/**
 * Records `outputs` (computed by the caller, views or fresh tensors) as the outputs of one node
 * named `name` over `inputs`, when grad mode is on and an input requires grad.
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
  const nodes = inputs.map((t) => t._edgeNode());
  const nrs = inputs.some((t) => t._outputNr !== 0 && t._gradFn !== null) ? inputs.map((t) => t._outputNr) : null;
  const shapes = outputs.map((o) => o.shape);
  const node = new MultiOutputNode(name, nodes, nrs, backward, attrs, shapes);
  outputs.forEach((o, i) => {
    o._gradFn = node;
    o._outputNr = i;
  });
  return outputs;
}
