import type { GraphData, StepGradient, TensorSummary } from './messages.js';

/**
 * Where a step-through stands: not started; a step asked for (the worker runs up to the next
 * node); waiting before a node; running to the end; ended; failed.
 */
export type StepPhase = 'idle' | 'stepping' | 'waiting' | 'running' | 'done' | 'error';

/** Everything the view shows besides the graph itself; redrawn from on every change. */
export interface ViewState {
  graph: GraphData | null;
  selected: string | null;
  phase: StepPhase;
  /** The node about to run (lit). */
  current: string | null;
  /** Nodes that ran, in the engine's order. */
  ran: string[];
  /** The gradients each node received, by node id. */
  received: Map<string, StepGradient[]>;
  /** The gradient each edge carried, by edge id. */
  computed: Map<string, TensorSummary | null>;
  /** Each leaf's `.grad` after the run, by leaf node id. */
  leafGrads: Map<string, TensorSummary | null>;
  message: string | null;
}

export function emptyState(graph: GraphData | null = null): ViewState {
  return {
    graph,
    selected: null,
    phase: 'idle',
    current: null,
    ran: [],
    received: new Map(),
    computed: new Map(),
    leafGrads: new Map(),
    message: null,
  };
}

/** The step results of `state` cleared, the graph and selection kept (Reset). */
export function resetSteps(state: ViewState): ViewState {
  return { ...emptyState(state.graph), selected: state.selected };
}
