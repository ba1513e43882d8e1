import type { BackendName } from '../worker/backends.js';

/**
 * What the playground's page gives the training lab (contracts.md, seam 5): the backend its
 * picker names, the lab's settings in the shared URL ('lab' key of share.ts), and the editor.
 */
export interface LabHost {
  backend(): BackendName;
  /** Called when the picker changes; the lab restarts its worker on that backend. */
  onBackendChange(cb: (b: BackendName) => void): void;
  readSettings(): string | null;
  writeSettings(s: string): void;
  /** Puts code in the editor (for "Show code"); it must not run it. */
  openInEditor(code: string): void;
}
