/**
 * The page's frame: a toolbar (examples, backend, share), the notebook on the left and the Graph
 * and Training-lab panels on the right (stacked on a phone). Elements carry the `data-testid`s the
 * end-to-end tests use (contracts.md, seam 7); every control has a visible or aria label.
 */
export interface Layout {
  examples: HTMLSelectElement;
  backend: HTMLSelectElement;
  backendStatus: HTMLElement;
  share: HTMLButtonElement;
  shareStatus: HTMLElement;
  run: HTMLButtonElement;
  runAll: HTMLButtonElement;
  stop: HTMLButtonElement;
  addCell: HTMLButtonElement;
  runStatus: HTMLElement;
  cells: HTMLElement;
  tabGraph: HTMLButtonElement;
  tabLab: HTMLButtonElement;
  graphPanel: HTMLElement;
  labPanel: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  testid?: string,
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  if (testid !== undefined) node.setAttribute('data-testid', testid);
  return node;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = el('label', { className: 'field' });
  label.append(el('span', { textContent: text }), control);
  return label;
}

export function buildLayout(root: HTMLElement): Layout {
  const examples = el('select', { id: 'examples' }, 'examples');
  const backend = el('select', { id: 'backend' }, 'backend');
  backend.append(
    el('option', { value: 'cpu', textContent: 'CPU (WebAssembly)' }),
    el('option', { value: 'webgpu', textContent: 'WebGPU' }),
  );
  const backendStatus = el('span', { className: 'status', role: 'status' }, 'backend-status');
  const share = el('button', { type: 'button', textContent: 'Share', title: 'Copy a link to this code' }, 'share');
  const shareStatus = el('span', { className: 'status', role: 'status' }, 'share-status');

  const header = el('header', { className: 'toolbar' });
  const title = el('h1', { textContent: 'ag playground' });
  title.append(el('small', { textContent: " PyTorch's autograd in TypeScript" }));
  const controls = el('div', { className: 'controls' });
  controls.append(labelled('Example', examples), labelled('Backend', backend), share);
  const statuses = el('div', { className: 'statuses' });
  statuses.append(backendStatus, shareStatus);
  header.append(title, controls, statuses);

  const run = el(
    'button',
    { type: 'button', textContent: 'Run', title: 'Run the active cell (Ctrl/Cmd+Enter)' },
    'run',
  );
  const runAll = el('button', { type: 'button', textContent: 'Run all', title: 'Run every cell in order' }, 'run-all');
  const stop = el('button', { type: 'button', textContent: 'Stop', title: 'End the run now', disabled: true }, 'stop');
  const addCell = el('button', { type: 'button', textContent: '+ Cell', title: 'Add a cell at the end' }, 'add-cell');
  const runStatus = el('span', { className: 'status', role: 'status' }, 'run-status');
  const notebookBar = el('div', { className: 'notebook-bar' });
  notebookBar.append(run, runAll, stop, addCell, runStatus);
  const hint = el('p', { className: 'hint' });
  hint.innerHTML =
    '<kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> runs a cell, <kbd>Shift</kbd>+<kbd>Enter</kbd> runs it and moves on. ' +
    '<code>print(v)</code> prints as Python does; <code>show(t)</code> draws the autograd graph of <code>t</code>.';
  const cells = el('div', { className: 'cells' }, 'cells');
  const notebook = el('section', { className: 'notebook' });
  notebook.setAttribute('aria-label', 'Notebook');
  notebook.append(notebookBar, hint, cells);

  const tabGraph = el('button', { type: 'button', textContent: 'Graph', role: 'tab', id: 'tab-graph' }, 'tab-graph');
  const tabLab = el('button', { type: 'button', textContent: 'Training lab', role: 'tab', id: 'tab-lab' }, 'tab-lab');
  const tabs = el('div', { className: 'tabs', role: 'tablist' });
  tabs.append(tabGraph, tabLab);
  const graphPanel = el('div', { className: 'panel', role: 'tabpanel', id: 'graph-panel' }, 'graph-panel');
  const labPanel = el('div', { className: 'panel', role: 'tabpanel', id: 'lab-panel' }, 'lab-panel');
  graphPanel.setAttribute('aria-labelledby', 'tab-graph');
  labPanel.setAttribute('aria-labelledby', 'tab-lab');
  const side = el('section', { className: 'side' });
  side.setAttribute('aria-label', 'Graph and training lab');
  side.append(tabs, graphPanel, labPanel);

  const main = el('main');
  main.append(notebook, side);
  root.append(header, main);
  return {
    examples,
    backend,
    backendStatus,
    share,
    shareStatus,
    run,
    runAll,
    stop,
    addCell,
    runStatus,
    cells,
    tabGraph,
    tabLab,
    graphPanel,
    labPanel,
  };
}

/** Shows one of the side panels; the tabs are buttons, so Tab and Enter reach them. */
export function selectTab(layout: Layout, which: 'graph' | 'lab'): void {
  const graph = which === 'graph';
  layout.tabGraph.setAttribute('aria-selected', String(graph));
  layout.tabLab.setAttribute('aria-selected', String(!graph));
  layout.graphPanel.hidden = !graph;
  layout.labPanel.hidden = graph;
}
