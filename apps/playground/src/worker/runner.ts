/// <reference lib="webworker" />
import { createGraphTools } from '../graph/worker-side.ts';
import type { PageToGraph } from '../graph/messages.ts';
import { useBackend, type BackendName } from './backends.ts';
import { completionNames } from './modules.ts';
import { isGraphMessage, type PageToRunner, type RunnerToPage } from './protocol.ts';
import { describeError, Session } from './session.ts';

/**
 * The runner: a module worker that runs the notebook's cells, so a long or endless run never
 * freezes the page (Stop terminates this worker and starts a fresh one, with a fresh session).
 */
declare const self: DedicatedWorkerGlobalScope;

// An error deep in the library still has the user's frame in its stack (errorLine reads it there).
Error.stackTraceLimit = 100;

function post(msg: RunnerToPage): void {
  self.postMessage(msg);
}

const session = new Session((out) => {
  post({ type: 'output', ...out });
});

// show(t) draws t's graph in the page's Graph panel (seam 3), its tensors named by the notebook's
// variables; its step-through requests come back here.
const graph = createGraphTools(
  (msg) => {
    self.postMessage(msg);
  },
  { variables: () => session.variables() },
);
session.builtins.show = (t: unknown) => graph.show(t);

// Library warnings (reading a non-leaf's .grad) belong beside the cell that caused them.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (session.running) session.emit('warning', args.map(String).join(' '));
  else warn(...args);
};

// A promise the cell did not await failed: its error belongs to the run, if one is in progress.
self.addEventListener('unhandledrejection', (event) => {
  if (!session.running) return;
  event.preventDefault();
  session.emit('error', describeError(event.reason));
});

let ready: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<PageToRunner | PageToGraph>) => {
  if (isGraphMessage(event.data)) {
    void graph.handle(event.data as PageToGraph);
    return;
  }
  const msg = event.data as PageToRunner;
  switch (msg.type) {
    case 'init':
      ready = init(msg.backend);
      return;
    case 'run': {
      const { id, cell, code } = msg;
      void ready
        .then(() => session.run(id, cell, code))
        .then(({ ok, ms }) => {
          post({ type: 'done', id, ok, ms });
        });
      return;
    }
  }
};

async function init(backend: BackendName): Promise<void> {
  try {
    const info = await useBackend(backend);
    const globals = Object.keys(session.builtins).filter((n) => !n.startsWith('__'));
    post({ type: 'ready', info, completions: { ...completionNames(), globals } });
  } catch (e) {
    post({ type: 'backend-failed', backend, message: e instanceof Error ? e.message : String(e) });
  }
}
