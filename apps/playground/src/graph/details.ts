import { shapeAndDtype } from './format.js';
import type { GraphNodeData, TensorSummary } from './messages.js';
import type { ViewState } from './state.js';

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

/** A tensor's repr in a block, or what stands in for it while unread. */
function reprBlock(t: TensorSummary | null, testid?: string): HTMLElement {
  const pre = h(
    'pre',
    t === null ? 'None' : (t.repr ?? `${shapeAndDtype(t)} (values are read when the backward ends)`),
  );
  if (testid !== undefined) pre.dataset.testid = testid;
  return pre;
}

function section(title: string, ...content: HTMLElement[]): HTMLElement {
  const s = h('section');
  s.append(h('h4', title), ...content);
  return s;
}

/**
 * The details pane of the selected node: a tensor's values, a function node's saved tensors
 * (each opens to its repr), and what the step-through gave it: the gradients it received and
 * those it computed per input, and a leaf's `.grad` once the backward ended.
 */
export function renderDetails(pane: HTMLElement, state: ViewState): void {
  pane.replaceChildren();
  const graph = state.graph;
  const node = graph?.nodes.find((n) => n.id === state.selected);
  if (graph === undefined || graph === null || node === undefined) {
    pane.append(
      h(
        'p',
        graph === null ? 'show(t) draws the autograd graph of t here.' : 'Select a node to see its values.',
        'hint',
      ),
    );
    return;
  }
  pane.append(h('h3', title(node)));
  if (node.tensor !== undefined) {
    pane.append(section(tensorHeading(node, graph.rootId), reprBlock(node.tensor, 'graph-detail-tensor')));
  }
  if (node.kind === 'leaf' && state.leafGrads.has(node.id)) {
    pane.append(section('.grad', reprBlock(state.leafGrads.get(node.id)!, 'graph-detail-grad')));
  }
  if (node.kind === 'function') pane.append(savedSection(node));
  const received = state.received.get(node.id);
  if (received !== undefined) {
    const blocks = received.map((g) => {
      const d = h('div');
      d.append(h('p', `output ${String(g.at)}`, 'caption'), reprBlock(g.grad));
      return d;
    });
    pane.append(section('Gradient received', ...blocks));
  }
  const out = graph.edges.filter((e) => e.to === node.id && state.computed.has(e.id));
  if (out.length > 0) {
    const blocks = out.map((e) => {
      const from = graph.nodes.find((n) => n.id === e.from)!;
      const d = h('div');
      d.append(
        h('p', `input ${e.inputNr}, to ${from.kind === 'leaf' ? 'its leaf' : from.name}`, 'caption'),
        reprBlock(state.computed.get(e.id)!),
      );
      return d;
    });
    pane.append(section(node.kind === 'accumulate' ? 'Gradient accumulated' : 'Gradient computed', ...blocks));
  }
}

function tensorHeading(n: GraphNodeData, rootId: string): string {
  if (n.id === rootId) return 'Tensor';
  return n.kind === 'accumulate' ? 'Variable (the leaf it accumulates into)' : 'Leaf tensor';
}

function title(n: GraphNodeData): string {
  if (n.kind === 'function' || n.kind === 'accumulate') return n.name;
  const name = n.label === undefined ? '' : `${n.label}: `;
  return `${name}${n.kind === 'leaf' ? 'Leaf' : 'Tensor'} ${shapeAndDtype(n.tensor!)}`;
}

function savedSection(node: GraphNodeData): HTMLElement {
  if (node.savedError !== undefined) return section('Saved tensors', h('p', node.savedError, 'note'));
  if (node.saved!.length === 0) return section('Saved tensors', h('p', 'none', 'note'));
  const items = node.saved!.map((t, i) => {
    const d = h('details');
    d.dataset.testid = 'graph-saved';
    d.append(h('summary', `saved ${i}: ${shapeAndDtype(t)}`), reprBlock(t));
    return d;
  });
  return section('Saved tensors', ...items);
}
