import dagre from '@dagrejs/dagre';
import type { GraphData } from './messages.js';

export interface Box {
  /** Centre, as dagre gives it. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  nodes: Map<string, Box>;
  /** Each edge's polyline, from its input to its consumer. */
  edges: Map<string, { x: number; y: number }[]>;
  width: number;
  height: number;
}

/**
 * Places the graph with dagre, top to bottom in the forward direction as torchviz draws it:
 * leaves at the top, the shown tensor at the bottom, so backward climbs the picture. A
 * multigraph: `x.mul(x)` has two edges between the same two nodes.
 */
export function layoutGraph(graph: GraphData, size: (id: string) => { width: number; height: number }): Layout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56, edgesep: 16, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { ...size(n.id) });
  for (const e of graph.edges) g.setEdge(e.from, e.to, { minlen: 1 }, e.id);
  dagre.layout(g);

  const nodes = new Map<string, Box>();
  for (const n of graph.nodes) {
    const d = g.node(n.id) as Box;
    nodes.set(n.id, { x: d.x, y: d.y, width: d.width, height: d.height });
  }
  const edges = new Map<string, { x: number; y: number }[]>();
  for (const e of graph.edges) {
    const d = g.edge({ v: e.from, w: e.to, name: e.id }) as { points?: { x: number; y: number }[] };
    edges.set(e.id, d.points ?? []);
  }
  const label = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: label.width ?? 0, height: label.height ?? 0 };
}
