import { compactValues, shapeAndDtype } from './format.js';
import { layoutGraph, type Layout } from './layout.js';
import type { GraphNodeData } from './messages.js';
import type { ViewState } from './state.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Labels use a monospace font, so a line's width is its length times this (12px font). */
const CHAR_WIDTH = 7.3;
const LINE_HEIGHT = 16;
const PAD_X = 12;
const PAD_Y = 8;

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The lines of a node's box: its name first (PyTorch's), then what it holds. */
export function nodeLines(n: GraphNodeData, state: ViewState): string[] {
  switch (n.kind) {
    case 'function': {
      const saved =
        n.savedError !== undefined ? 'saved: freed' : n.saved!.length > 0 ? `saved: ${n.saved!.length}` : null;
      return saved === null ? [n.name] : [n.name, saved];
    }
    case 'accumulate':
      return [n.name, shapeAndDtype(n.tensor!)];
    case 'leaf':
    case 'tensor': {
      const t = n.tensor!;
      const what = n.id === state.graph?.rootId ? 'shown tensor' : n.kind === 'leaf' ? 'leaf' : 'tensor';
      const lines = [shapeAndDtype(t), t.requiresGrad && n.kind === 'leaf' ? `${what}, requires grad` : what];
      if (n.label !== undefined) lines.unshift(n.label);
      const g = state.leafGrads.get(n.id);
      if (g !== undefined) lines.push(`grad ${g === null ? 'None' : compactValues(g)}`);
      return lines;
    }
  }
}

/** A node's accessible name: what it is, and where the step-through stands with it. */
function ariaLabel(n: GraphNodeData, lines: string[], state: ViewState): string {
  const status = state.current === n.id ? ', running next' : state.ran.includes(n.id) ? ', ran' : '';
  return `${lines.join(', ')}${status}`;
}

/**
 * Draws the graph into `root` (an SVG group the zoom transforms): one focusable group per node,
 * lit when it runs next or ran, and each edge with the gradient it carried once computed.
 */
export function drawGraph(root: SVGGElement, state: ViewState, onSelect: (id: string) => void): Layout | null {
  root.replaceChildren();
  const graph = state.graph;
  if (graph === null) return null;
  const lines = new Map(graph.nodes.map((n) => [n.id, nodeLines(n, state)]));
  const layout = layoutGraph(graph, (id) => {
    const ls = lines.get(id)!;
    return {
      width: Math.max(...ls.map((l) => l.length)) * CHAR_WIDTH + 2 * PAD_X,
      height: ls.length * LINE_HEIGHT + 2 * PAD_Y,
    };
  });

  const edgeLayer = el('g', { class: 'edges' });
  const labelLayer = el('g', { class: 'edge-labels' });
  for (const e of graph.edges) {
    const points = layout.edges.get(e.id)!;
    const grad = state.computed.get(e.id);
    const cls = grad === undefined ? 'edge' : 'edge computed';
    edgeLayer.append(
      el('polyline', {
        class: cls,
        points: points.map((p) => `${p.x},${p.y}`).join(' '),
        'marker-end': 'url(#graph-arrow)',
      }),
    );
    if (grad === undefined) continue;
    const mid = points[Math.floor(points.length / 2)]!;
    const text = grad === null ? 'None' : compactValues(grad, 28);
    const g = el('g', { class: 'edge-label', 'data-testid': 'graph-edge-grad', 'data-edge': e.id });
    const w = text.length * CHAR_WIDTH * 0.92 + 10;
    g.append(el('rect', { x: mid.x - w / 2, y: mid.y - 9, width: w, height: 18, rx: 4 }));
    const t = el('text', { x: mid.x, y: mid.y + 4, 'text-anchor': 'middle' });
    t.textContent = text;
    g.append(t);
    labelLayer.append(g);
  }

  const nodeLayer = el('g', { class: 'nodes' });
  for (const n of graph.nodes) {
    const box = layout.nodes.get(n.id)!;
    const ls = lines.get(n.id)!;
    const classes = ['node', `kind-${n.kind}`];
    if (state.current === n.id) classes.push('current');
    else if (state.ran.includes(n.id)) classes.push('ran');
    if (state.selected === n.id) classes.push('selected');
    const g = el('g', {
      class: classes.join(' '),
      tabindex: 0,
      role: 'button',
      'aria-label': ariaLabel(n, ls, state),
      'aria-pressed': String(state.selected === n.id),
      'data-testid': 'graph-node',
      'data-kind': n.kind,
      'data-name': n.name,
      'data-id': n.id,
    });
    const left = box.x - box.width / 2;
    const top = box.y - box.height / 2;
    g.append(el('rect', { x: left, y: top, width: box.width, height: box.height, rx: n.kind === 'function' ? 6 : 2 }));
    ls.forEach((line, i) => {
      const t = el('text', {
        x: box.x,
        y: top + PAD_Y + (i + 0.78) * LINE_HEIGHT,
        'text-anchor': 'middle',
        class: i === 0 ? 'title' : 'sub',
      });
      t.textContent = line;
      g.append(t);
    });
    g.addEventListener('click', () => {
      onSelect(n.id);
    });
    g.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter' && ev.key !== ' ') return;
      ev.preventDefault();
      onSelect(n.id);
    });
    nodeLayer.append(g);
  }
  root.append(edgeLayer, nodeLayer, labelLayer);
  return layout;
}

/** The arrowhead the edges end with, defined once per SVG. */
export function arrowDefs(): SVGDefsElement {
  const defs = el('defs');
  const marker = el('marker', {
    id: 'graph-arrow',
    viewBox: '0 0 10 10',
    refX: 10,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto-start-reverse',
  });
  marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }));
  defs.append(marker);
  return defs;
}
