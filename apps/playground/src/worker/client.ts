import type { BackendInfo, BackendName } from './backends.ts';
import { isGraphMessage, type Completions, type PageToRunner, type RunnerToPage } from './protocol.ts';

/** An output line of a run, as the worker sent it. */
export type RunOutput = Extract<RunnerToPage, { type: 'output' }>;

export interface RunnerEvents {
  ready(info: BackendInfo, completions: Completions): void;
  backendFailed(backend: BackendName, message: string): void;
  /** A message for the graph view (its type starts with 'graph:'). */
  graph(msg: { type: string }): void;
  /** A fresh worker replaced the old one (Stop, or another backend): its state is gone. */
  restarted(): void;
}

interface Pending {
  onOutput(out: RunOutput): void;
  resolve(result: { ok: boolean; stopped: boolean; ms: number }): void;
}

/**
 * The page's handle on the runner worker. Stop terminates the worker outright, which ends any run
 * at once (an endless loop included: nothing in the worker needs to cooperate), and starts a
 * fresh one on the same backend; the notebook's variables are gone with the old worker.
 */
export class Runner {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private current: BackendName = 'cpu';

  constructor(private readonly events: RunnerEvents) {}

  get backend(): BackendName {
    return this.current;
  }

  /** Starts a fresh worker on `backend` (ending the old one, if any). */
  start(backend: BackendName): void {
    this.terminate();
    this.current = backend;
    const worker = new Worker(new URL('./runner.ts', import.meta.url), { type: 'module', name: 'ag-runner' });
    worker.onmessage = (event: MessageEvent<RunnerToPage | { type: string }>) => {
      this.receive(event.data);
    };
    worker.onerror = (event) => {
      // A worker that fails to load (a bundling or CSP problem) never sends 'ready'; say why.
      event.preventDefault();
      this.events.backendFailed(backend, `the runner worker failed: ${event.message || 'it could not start'}`);
    };
    this.worker = worker;
    this.events.restarted();
    this.post({ type: 'init', backend });
  }

  /** Runs one cell; resolves when it is done, or stopped. */
  run(
    cell: number,
    code: string,
    onOutput: (out: RunOutput) => void,
  ): Promise<{ ok: boolean; stopped: boolean; ms: number }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { onOutput, resolve });
      this.post({ type: 'run', id, cell, code });
    });
  }

  /** Ends the worker now and starts a fresh one; pending runs resolve as stopped. */
  stop(): void {
    this.start(this.current);
  }

  /** Sends a message to the worker (the graph view's requests). */
  send(msg: { type: string }): void {
    this.worker?.postMessage(msg);
  }

  private post(msg: PageToRunner): void {
    this.worker?.postMessage(msg);
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.resolve({ ok: false, stopped: true, ms: 0 });
    this.pending.clear();
  }

  private receive(msg: RunnerToPage | { type: string }): void {
    if (isGraphMessage(msg)) {
      this.events.graph(msg);
      return;
    }
    const m = msg as RunnerToPage;
    switch (m.type) {
      case 'ready':
        this.events.ready(m.info, m.completions);
        return;
      case 'backend-failed':
        this.events.backendFailed(m.backend, m.message);
        return;
      case 'output':
        this.pending.get(m.id)?.onOutput(m);
        return;
      case 'done': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.resolve({ ok: m.ok, stopped: false, ms: m.ms });
        return;
      }
    }
  }
}
