/**
 * The playground's page: the notebook (editor/), the runner worker that runs its cells (worker/),
 * the backend picker, sharing through the URL, and the Graph and Training-lab panels, which plug
 * in through contracts.md's seams (graph/view.ts, lab/mount.ts).
 */
import './style/main.css';
import { setUpBackendPicker, showBackendReady, showBackendStarting } from './backend-picker.ts';
import { Notebook } from './editor/notebook.ts';
import { joinCells, splitCells } from './examples/cells.ts';
import { examples } from './examples/index.ts';
import type { GraphToPage } from './graph/messages.ts';
import { mountGraphView } from './graph/view.ts';
import { mountLab } from './lab/mount.ts';
import { buildLayout, selectTab } from './layout.ts';
import { readShared, writeShared } from './share.ts';
import type { BackendName } from './worker/backends.ts';
import { Runner } from './worker/client.ts';
import type { Completions } from './worker/protocol.ts';

const layout = buildLayout(document.querySelector<HTMLElement>('#app')!);
let completions: Completions | null = null;
/** A note for the status line after a fallback (WebGPU failed, so the CPU runs). */
let fallbackNote = '';
/** The lab's listeners for the backend the picker settles on (after a fallback too). */
const backendListeners: ((b: BackendName) => void)[] = [];
let announced: BackendName = 'cpu';

const runner = new Runner({
  ready: (info, names) => {
    completions = names;
    showBackendReady(layout, info, fallbackNote);
    fallbackNote = '';
    if (info.name !== announced) {
      announced = info.name;
      for (const cb of backendListeners) cb(info.name);
    }
  },
  backendFailed: (backend, message) => {
    if (backend === 'cpu') {
      layout.backendStatus.textContent = `The runner could not start: ${message}`;
      layout.backendStatus.classList.add('warn');
      return;
    }
    // The first sentence says what failed; the rest (how to enable WebGPU) goes in the tooltip.
    fallbackNote = ` (WebGPU unavailable: ${message.split(/\.\s/)[0]})`;
    layout.backendStatus.title = message;
    startBackend('cpu');
  },
  graph: (msg) => {
    selectTab(layout, 'graph');
    graphView.handle(msg as GraphToPage);
  },
  restarted: () => {
    graphView.clear();
  },
});

// The graph view (seam 4): what show(t) drew, and the step-through's requests to the runner.
const graphView = mountGraphView(layout.graphPanel, (msg) => {
  runner.send(msg);
});

function startBackend(backend: BackendName): void {
  showBackendStarting(layout, backend);
  runner.start(backend);
}

const notebook = new Notebook({
  container: layout.cells,
  runner,
  completions: () => completions,
  onChange: () => {
    scheduleUrlWrite();
  },
  onBusy: (busy) => {
    layout.stop.disabled = !busy;
    layout.run.disabled = busy;
    layout.runAll.disabled = busy;
    layout.runStatus.textContent = busy ? 'Running…' : '';
  },
});

// The URL holds the notebook's code (a link reproduces it); written shortly after each edit.
let urlTimer: ReturnType<typeof setTimeout> | undefined;
let loading = false;
function scheduleUrlWrite(): void {
  if (loading) return;
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => {
    writeShared('code', joinCells(notebook.sources()));
  }, 300);
}

function loadCells(cells: readonly string[]): void {
  loading = true;
  notebook.load(cells);
  loading = false;
}

for (const ex of examples) layout.examples.append(new Option(ex.title, ex.id));
layout.examples.addEventListener('change', () => {
  const ex = examples.find((e) => e.id === layout.examples.value);
  if (ex === undefined) return;
  loadCells(ex.cells);
  writeShared('code', null);
});

// A shared link loads its code and runs nothing; without one, the seed tutorial.
const shared = readShared('code');
if (shared !== null) {
  layout.examples.prepend(new Option('Shared code', 'shared'));
  layout.examples.value = 'shared';
  loadCells(splitCells(shared));
} else loadCells(examples[0]!.cells);

layout.run.addEventListener('click', () => void notebook.runActive());
layout.runAll.addEventListener('click', () => void notebook.runAll());
layout.stop.addEventListener('click', () => {
  notebook.stop();
});
layout.addCell.addEventListener('click', () => {
  notebook.addAfterActive();
});

layout.share.addEventListener('click', () => {
  clearTimeout(urlTimer);
  writeShared('code', joinCells(notebook.sources()));
  const link = location.href;
  navigator.clipboard.writeText(link).then(
    () => {
      layout.shareStatus.textContent = 'Link copied to the clipboard';
    },
    () => {
      // Clipboard access needs permission in some browsers; the address bar has the same link.
      layout.shareStatus.textContent = 'Copy the link from the address bar';
    },
  );
});

layout.tabGraph.addEventListener('click', () => {
  selectTab(layout, 'graph');
});
layout.tabLab.addEventListener('click', () => {
  selectTab(layout, 'lab');
});
// A link with the lab's settings and no code is a link to the lab.
selectTab(layout, shared === null && readShared('lab') !== null ? 'lab' : 'graph');

// The training lab (seam 5): the picker's backend, the URL's 'lab' key, and a new cell for its code.
mountLab(layout.labPanel, {
  backend: () => announced,
  onBackendChange: (cb) => {
    backendListeners.push(cb);
  },
  readSettings: () => readShared('lab'),
  writeSettings: (s) => {
    writeShared('lab', s);
  },
  openInEditor: (code) => {
    notebook.addAfterActive(code);
  },
});

setUpBackendPicker(layout, (backend) => {
  startBackend(backend);
});
startBackend('cpu');
