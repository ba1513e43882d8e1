/// <reference lib="webworker" />
import { useBackend } from '../worker/backends.js';
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

self.onmessage = (event: MessageEvent<PageToLab>) => {
  const msg = event.data;
  if (msg.type === 'lab:use') {
    void session.enqueue(async () => {
      post({ type: 'lab:backend', backend: msg.backend, info: await useBackend(msg.backend) });
    });
  } else void session.receive(msg);
};
