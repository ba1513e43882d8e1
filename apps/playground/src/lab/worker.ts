/// <reference lib="webworker" />
import { useBackend } from '../worker/backends.js';
import type { PageToLab } from './messages.js';
import { LabSession } from './session.js';

/**
 * The training lab's module worker: trains off the page's thread on the backend the page's
 * picker names, so the page stays responsive. The page starts a fresh worker when the backend
 * changes (a worker's default device is set once).
 */
declare const self: DedicatedWorkerGlobalScope;

const session = new LabSession(
  (msg) => {
    self.postMessage(msg);
  },
  async ({ backend }) => {
    const info = await useBackend(backend);
    self.postMessage({ type: 'lab:backend', backend, info });
  },
);

self.onmessage = (event: MessageEvent<PageToLab>) => {
  void session.receive(event.data);
};
