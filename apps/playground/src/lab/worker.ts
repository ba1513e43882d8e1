/// <reference lib="webworker" />
import { useBackend, type BackendName } from '../worker/backends.js';
import type { LabToPage, PageToLab } from './protocol.js';
import { LabSession } from './session.js';

/**
 * The training lab's module worker: trains off the page's thread on the backend the page's
 * picker names, so the page stays responsive. The page starts a fresh worker when the backend
 * changes (a worker's default device is set once).
 */
declare const self: DedicatedWorkerGlobalScope;

const post = (msg: LabToPage): void => {
  self.postMessage(msg);
};
const session = new LabSession(post);

/**
 * Starts the backend; where WebGPU fails here (the page's runner got an adapter, this worker did
 * not), says so and trains on the CPU rather than on nothing.
 */
async function use(backend: BackendName): Promise<void> {
  try {
    post({ type: 'lab:backend', backend, info: await useBackend(backend) });
  } catch (e) {
    if (backend === 'cpu') throw e;
    const why = e instanceof Error ? e.message : String(e);
    post({ type: 'lab:backend', backend: 'cpu', info: await useBackend('cpu') });
    post({ type: 'lab:error', message: `WebGPU failed in the lab's worker (${why}); training on the CPU` });
  }
}

self.onmessage = (event: MessageEvent<PageToLab>) => {
  const msg = event.data;
  if (msg.type === 'lab:use') void session.enqueue(() => use(msg.backend));
  else void session.receive(msg);
};
