import { noGrad } from '../autograd/grad-mode.js';
import type { Edge } from '../autograd/node.js';
import { Node, splitEdges } from '../autograd/node.js';
import type { DType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { full } from './creation.js';
import { viewOf } from './dispatch.js';
import { anyRequiresGrad } from './op-node.js';

/**
 * Ops with several differentiable outputs recorded as ONE node, as PyTorch records var_mean
 * (VarMeanBackward0 is the grad_fn of both results): the node receives the gradients of all its
 * outputs, zeros standing in for those that got none, as PyTorch's codegen materializes them.
 * Not re-exported by ops/index.ts: a helper, not an op.
 */

type MultiBackward = (
  grads: readonly Tensor[],
  saved: readonly Tensor[],
  needs: readonly boolean[],
) => (Tensor | null)[];

interface OutputSpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly device: string;
}

class MultiOutputNode extends Node {
  private saved: readonly Tensor[] | null;

  constructor(
    readonly name: string,
    edges: readonly Edge[],
    private readonly outputs: readonly OutputSpec[],
    saved: readonly Tensor[],
    private readonly backwardFn: MultiBackward,
  ) {
    super(...splitEdges(edges));
    this.saved = saved;
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    if (grads.every((g) => g === null || g === undefined)) return this.nextNodes.map(() => null);
    this.checkRunnable();
    const full_ = this.outputs.map((o, i) => grads[i] ?? full(o.shape, 0, { dtype: o.dtype, device: o.device }));
    return this.backwardFn(
      full_,
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
    return this.outputs.length;
  }

  override get keepsNothing(): boolean {
    return true;
  }

  override checkRunnable(): void {
    if (this.saved === null)
      throw new Error(
        `${this.name}: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ` +
          'Specify `retainGraph: true` if you need to backward through the graph a second time.',
      );
  }
}

/**
 * `forward()`'s outputs, computed without recording, then recorded (when an input requires
 * grad) as one node named `name` whose backward gets every output's gradient.
 */
export function defineMultiOp(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor[],
  saved: (outs: readonly Tensor[]) => readonly Tensor[],
  backward: MultiBackward,
): Tensor[] {
  if (!anyRequiresGrad(inputs)) return forward();
  const outs = noGrad(forward).map((y) =>
    inputs.includes(y) || y._gradFn !== null ? viewOf(y, y.shape, y.strides, y.offset) : y,
  );
  const specs = outs.map((o) => ({ shape: o.shape, dtype: o.dtype, device: o.device }));
  const node = new MultiOutputNode(
    name,
    inputs.map((t) => t._edge()),
    specs,
    saved(outs),
    backward,
  );
  outs.forEach((o, i) => {
    o._gradFn = node;
    o._outputNr = i;
  });
  return outs;
}
