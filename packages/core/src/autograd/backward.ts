import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor, TensorLike } from '../tensor.js';
import type { NestedArray } from '../read.js';
import { fullLike, tensor } from '../ops/creation.js';
import { runBackward, runBackwardAsync, type EngineOptions } from './engine.js';
import { accumulateGrads } from './grad-writes.js';
import { isTensor } from '../tensor-brand.js';
import { AutogradError, DTypeError, DeviceError, ShapeError, ValueError } from '../errors.js';

export interface BackwardOptions {
  /** Keep the graph's saved values, so that backward can run through it again. */
  retainGraph?: boolean;
  /** Record the backward pass as a graph too, for higher-order gradients (implies retainGraph). */
  createGraph?: boolean;
  /**
   * The tensors (leaves or not) whose `.grad` the gradient accumulates into; every other `.grad`
   * is left alone. All of them by default.
   */
  inputs?: Tensor | readonly Tensor[];
}

/** `t.backward(gradient?, options)`: checks the call, then runs the engine from `t`. */
export function backward(t: Tensor, gradient: TensorLike | NestedArray | undefined, options: BackwardOptions): void {
  backwardTensors([t], [gradient], options);
}

/**
 * `await t.backwardAsync(gradient?, options)`: {@link backward} for graphs that copy a gradient
 * back from a device whose values are read only asynchronously (a CPU leaf used on WebGPU), which
 * PyTorch's blocking copy does inside `backward()`. On other graphs it is the same as backward.
 */
export async function backwardAsync(
  t: Tensor,
  gradient: TensorLike | NestedArray | undefined,
  options: BackwardOptions,
): Promise<void> {
  const { roots, grads, inputs, engine } = prepare([t], [gradient], options);
  const captured = await runBackwardAsync(roots, grads, engine);
  if (inputs !== null) accumulateGrads(inputs, captured, engine.createGraph);
}

/** A gradient given for one output: a tensor, nested values, or nothing (ones for one element). */
export type RootGradient = TensorLike | NestedArray | null | undefined;

/**
 * Accumulates the gradients of several outputs into the leaves' `.grad` in one run of the
 * engine (torch.autograd.backward): each output's gradient is `grads[i]`, or ones where it has
 * one element. A leaf both outputs reach gets the sum, from one pass over the shared graph.
 */
export function backwardTensors(
  tensors: Tensor | readonly Tensor[],
  gradTensors?: RootGradient | readonly RootGradient[],
  options: BackwardOptions = {},
): void {
  const ts: readonly Tensor[] = isTensor(tensors) ? [tensors] : tensors;
  if (ts.length === 0) throw new ValueError('backward: got no tensors to differentiate');
  const gs: readonly RootGradient[] =
    gradTensors === undefined || gradTensors === null
      ? []
      : isTensor(gradTensors) || !Array.isArray(tensors)
        ? [gradTensors as RootGradient]
        : (gradTensors as readonly RootGradient[]);
  if (gs.length > 0 && gs.length !== ts.length)
    throw new ValueError(`backward: got ${gs.length} gradients for ${ts.length} tensors`);
  const { roots, grads, inputs, engine } = prepare(ts, gs, options);
  const captured = runBackward(roots, grads, engine);
  if (inputs !== null) accumulateGrads(inputs, captured, engine.createGraph);
}

/**
 * The roots, their checked gradients and the engine's options. With PyTorch's `inputs=`, the
 * gradients reaching them are captured, as `grad()` does, then accumulated into their `.grad`
 * alone (an input the output does not depend on keeps its own).
 */
function prepare(ts: readonly Tensor[], gradients: readonly RootGradient[], options: BackwardOptions) {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const grads = ts.map((t, i) => rootGradient(t, gradients[i], i));
  const roots = ts.map((t) => t._edge());
  if (options.inputs === undefined) {
    const engine: EngineOptions = { retainGraph, createGraph };
    return { roots, grads, inputs: null, engine };
  }
  const inputs: readonly Tensor[] = isTensor(options.inputs) ? [options.inputs] : options.inputs;
  if (inputs.length === 0) throw new ValueError("backward: 'inputs' argument to backward() cannot be empty");
  inputs.forEach((x, i) => {
    if (!x.requiresGrad) throw new AutogradError(`backward: input ${i} of 'inputs' does not require grad`);
  });
  const engine: EngineOptions = {
    retainGraph,
    createGraph,
    captures: inputs.map((x) => x._edge()),
    runCaptured: true,
  };
  return { roots, grads, inputs, engine };
}

/** The gradient flowing into output `i`: checked, or ones for a one-element output. */
export function rootGradient(t: Tensor, gradient: TensorLike | NestedArray | undefined | null, i: number): Tensor {
  if (!t.requiresGrad) {
    throw new AutogradError(`backward: element ${i} of tensors does not require grad and does not have a grad_fn`);
  }
  let g: Tensor;
  if (gradient === undefined || gradient === null) {
    if (t.numel() !== 1) {
      throw new AutogradError(
        `backward: grad can be implicitly created only for scalar outputs; this output has shape ${formatShape(t.shape)}. ` +
          'Pass a gradient of the same shape: `out.backward(gradient)`',
      );
    }
    g = fullLike(t, 1);
  } else {
    g = isTensor(gradient) ? gradient : tensor(gradient, { dtype: t.dtype, device: t.device });
    if (!shapesEqual(g.shape, t.shape)) {
      throw new ShapeError(
        `backward: mismatch in shape: gradient has a shape of ${formatShape(g.shape)} and the output has a shape of ${formatShape(t.shape)}`,
      );
    }
    if (g.device !== t.device) {
      throw new DeviceError(`backward: the gradient is on device '${g.device}' but the output is on '${t.device}'`);
    }
    if (g.dtype !== t.dtype && !(g.isFloatingPoint() && t.isFloatingPoint())) {
      throw new DTypeError(`backward: the gradient has dtype ${g.dtype} but the output has dtype ${t.dtype}`);
    }
  }
  return g;
}
