import { AccumulateGrad, type Node, type Tensor } from '@ag/core';
import type { GraphData, GraphEdgeData, GraphNodeData } from './messages.js';
import { summarize } from './summary.js';

/** The most function nodes drawn: a longer graph (a 10,000-op chain) is cut, and says so. */
export const MAX_NODES = 300;

/** A captured graph: the data the page draws, and the worker's handles on what it shows. */
export interface CapturedGraph {
  data: GraphData;
  /** The autograd node behind each function / AccumulateGrad node id. */
  nodes: Map<string, Node>;
  /** The leaf tensor behind each leaf node id. */
  leaves: Map<string, Tensor>;
  /** The tensor `show` was given. */
  root: Tensor;
}

/**
 * The autograd graph of `t` as PyTorch's torchviz draws it, in plain data: each `gradFn` node
 * reachable through `nextFunctions` (PyTorch's names), the AccumulateGrad nodes with their leaf
 * tensors as nodes of their own, each function node's saved tensors, and `t` itself; edges run
 * forward, from an input to the node that consumed it. Values are read with `repr()`, awaited,
 * so that WebGPU tensors print too.
 */
export async function captureGraph(
  t: Tensor,
  graphId = 0,
  maxNodes = MAX_NODES,
  /** Names for leaves and `t` (see names.ts). */
  names: ReadonlyMap<Tensor, string> = new Map(),
): Promise<CapturedGraph> {
  const labelled = (x: Tensor): { label?: string } => {
    const label = names.get(x);
    return label === undefined ? {} : { label };
  };
  const ids = new Map<Node, string>();
  const nodes = new Map<string, Node>();
  const leaves = new Map<string, Tensor>();
  const out: GraphNodeData[] = [];
  const edges: GraphEdgeData[] = [];
  const edge = (from: string, to: string, inputNr: number): void => {
    edges.push({ id: `${from}->${to}:${inputNr}`, from, to, inputNr });
  };

  const rootId = 'tensor';
  out.push({
    id: rootId,
    kind: t.gradFn === null ? 'leaf' : 'tensor',
    name: 'tensor',
    ...labelled(t),
    tensor: await summarize(t),
  });
  let truncated: string | null = null;
  const queue: Node[] = [];
  const idOf = (node: Node): string | null => {
    const known = ids.get(node);
    if (known !== undefined) return known;
    if (ids.size >= maxNodes) {
      truncated = `the graph has more than ${maxNodes} nodes: only the ${maxNodes} nearest the tensor are drawn`;
      return null;
    }
    const id = `n${ids.size}`;
    ids.set(node, id);
    nodes.set(id, node);
    queue.push(node);
    return id;
  };

  const first = t.gradFn === null ? null : idOf(t.gradFn);
  if (first !== null) edge(first, rootId, 0);
  // Breadth first from the tensor, so a cut graph keeps the nodes nearest it.
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const id = ids.get(node)!;
    out.push(await describeNode(node, id));
    if (node instanceof AccumulateGrad) {
      const leafId = `leaf${leaves.size}`;
      leaves.set(leafId, node.variable);
      const variable = node.variable;
      out.push({ id: leafId, kind: 'leaf', name: 'tensor', ...labelled(variable), tensor: await summarize(variable) });
      edge(leafId, id, 0);
      continue;
    }
    node.nextFunctions.forEach(([next], inputNr) => {
      if (next === null) return;
      const nextId = idOf(next);
      if (nextId !== null) edge(nextId, id, inputNr);
    });
  }

  const data: GraphData = { graphId, nodes: out, edges, rootId, stepBlocked: stepBlocked(t), truncated };
  return { data, nodes, leaves, root: t };
}

async function describeNode(node: Node, id: string): Promise<GraphNodeData> {
  if (node instanceof AccumulateGrad) {
    // Its variable's shape and dtype label it; the values are the leaf's.
    return { id, kind: 'accumulate', name: node.name, tensor: await summarize(node.variable) };
  }
  let saved: readonly Tensor[];
  try {
    saved = node.savedTensors;
  } catch (e) {
    // Freed by a backward without retainGraph (or modified in place since): PyTorch's message.
    return { id, kind: 'function', name: node.name, saved: [], savedError: (e as Error).message };
  }
  const summaries = [];
  for (const s of saved) summaries.push(await summarize(s));
  return { id, kind: 'function', name: node.name, saved: summaries };
}

/** Why stepping through `t.backward()` cannot run, or null when it can. */
function stepBlocked(t: Tensor): string | null {
  if (t.gradFn === null) return 'this tensor has no gradFn: there is no graph to run backward through';
  if (t.numel() !== 1) {
    return `backward() without a gradient needs a one-element tensor; this one has shape [${t.shape.join(', ')}]: show(t.sum()) to step through`;
  }
  return null;
}
