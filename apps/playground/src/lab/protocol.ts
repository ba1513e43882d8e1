import type { BackendInfo, BackendName } from '../worker/backends.js';
import type { PageToSession, SessionToPage } from './messages.js';

/** The lab worker's protocol: a training session's messages, and the backend it runs on. */
export type PageToLab =
  /** First message: register this backend and make it the default device (a worker has one). */
  { type: 'lab:use'; backend: BackendName } | PageToSession;

export type LabToPage = { type: 'lab:backend'; backend: BackendName; info: BackendInfo } | SessionToPage;
