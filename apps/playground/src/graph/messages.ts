/**
 * The messages between the graph view (page) and the graph tools in the runner worker (seams 3
 * and 4 of the playground): plain, structured-clonable data. Every `type` starts with 'graph:',
 * which is how the shell routes them.
 */

/** A tensor as the view shows it: what it is, and its printed form (PyTorch's repr). */
export interface TensorSummary {
  shape: number[];
  dtype: string;
  requiresGrad: boolean;
  /** PyTorch's repr of the values; null while not read yet (WebGPU values are read asynchronously). */
  repr: string | null;
}

/**
 * What a node of the drawn graph stands for: a `gradFn` node (PyTorch's name, e.g.
 * SumBackward0), an AccumulateGrad node, a leaf tensor, or the tensor `show` was given.
 */
export type GraphNodeKind = 'function' | 'accumulate' | 'leaf' | 'tensor';

export interface GraphNodeData {
  id: string;
  kind: GraphNodeKind;
  /** A function node's PyTorch name ('PowBackward0', 'AccumulateGrad'); 'tensor' for tensors. */
  name: string;
  /** The notebook variable holding a leaf or the shown tensor (`a`, `model.0.weight`), if any. */
  label?: string;
  /** The tensor of a leaf or of the shown tensor; an AccumulateGrad's variable (its leaf). */
  tensor?: TensorSummary;
  /** A function node's saved tensors (`node.savedTensors`), in the order the op saved them. */
  saved?: TensorSummary[];
  /** Why the saved tensors cannot be shown (freed by a backward without retainGraph). */
  savedError?: string;
}

/**
 * An edge drawn in the forward direction, from an input to what consumed it. Gradients flow
 * back along it: for an edge into a function node, the gradient that node computes for input
 * `inputNr` (its `nextFunctions[inputNr]`).
 */
export interface GraphEdgeData {
  id: string;
  from: string;
  to: string;
  inputNr: number;
}

export interface GraphData {
  /** Distinguishes graphs, so that a late message about an older one is ignored. */
  graphId: number;
  nodes: GraphNodeData[];
  edges: GraphEdgeData[];
  /** The node of the tensor `show` was given. */
  rootId: string;
  /** Why stepping through `backward()` from the shown tensor cannot run (null: it can). */
  stepBlocked: string | null;
  /** Why the graph was cut short, when it has more nodes than the view draws. */
  truncated: string | null;
}

/** What a node received (before it runs) or produced (after), per output / per edge. */
export interface StepGradient {
  /** For a node's start: the output number; for its results: the edge they travel along. */
  at: number | string;
  grad: TensorSummary | null;
}

export type GraphToPage =
  | { type: 'graph:show'; graph: GraphData }
  /** A node is about to run with these gradients of its outputs; the worker waits for the page. */
  | { type: 'graph:step-node'; graphId: number; nodeId: string; order: number; gradOutputs: StepGradient[] }
  /** A node ran: the gradients it computed, one per edge into it. */
  | { type: 'graph:step-edges'; graphId: number; nodeId: string; grads: StepGradient[] }
  /** The backward ended: the leaves' `.grad`, and reprs read after the run (WebGPU). */
  | {
      type: 'graph:step-done';
      graphId: number;
      leafGrads: Record<string, TensorSummary | null>;
      /**
       * Gradient values read only after the run (WebGPU reads asynchronously), for the
       * step-node ('received') and step-edges ('computed') messages that carried them as null repr.
       */
      late: { phase: 'received' | 'computed'; nodeId: string; at: number | string; repr: string }[];
    }
  | { type: 'graph:step-error'; graphId: number; message: string }
  | { type: 'graph:step-reset'; graphId: number };

/**
 * What the page asks. Stepping: `step-start` carries a SharedArrayBuffer (an Int32Array of one
 * slot); the worker blocks on it with `Atomics.wait` before each node, and the page writes a
 * {@link StepCommand} there and calls `Atomics.notify` to let it go on.
 */
export type PageToGraph = { type: 'graph:step-start'; graphId: number; control: SharedArrayBuffer };

/** What the page writes into the control slot. */
export const StepCommand = {
  /** Nothing yet: the worker keeps waiting. */
  wait: 0,
  /** Run the current node, then wait before the next one. */
  step: 1,
  /** Run every remaining node without waiting. */
  run: 2,
  /** Abandon the backward: no `.grad` changes (the engine writes them only at the end). */
  abort: 3,
} as const;
