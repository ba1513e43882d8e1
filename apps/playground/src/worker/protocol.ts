import type { BackendInfo, BackendName } from './backends.ts';

/**
 * The messages between the page and the runner worker. Messages whose `type` starts with
 * 'graph:' belong to the graph view (src/graph/messages.ts) and pass through both ways untouched.
 */
export type PageToRunner =
  | { type: 'init'; backend: BackendName }
  /** Runs one cell's TypeScript; `cell` names it in error locations ('cell 3'). */
  | { type: 'run'; id: number; cell: number; code: string };

/** One line of a cell's output: what print wrote, the cell's last value, an error, or a warning. */
export type OutputKind = 'print' | 'result' | 'error' | 'warning';

export type RunnerToPage =
  /** The backend is ready; `completions` are the names user code can complete. */
  | { type: 'ready'; info: BackendInfo; completions: Completions }
  /** The backend asked for could not start (e.g. no WebGPU adapter); the page falls back to the CPU. */
  | { type: 'backend-failed'; backend: BackendName; message: string }
  | { type: 'output'; id: number; kind: OutputKind; text: string; line?: number }
  | { type: 'done'; id: number; ok: boolean; ms: number };

/** Names for the editor's completion, read from the worker's actual modules. */
export interface Completions {
  /** Module specifier to its exports: '@ag/core' to ['ones', 'tensor', ...]. */
  modules: Record<string, string[]>;
  /** Methods and properties of a Tensor. */
  tensor: string[];
  /** Names every cell has without importing them (print, show). */
  globals: string[];
}

/** Whether a message is the graph view's (forwarded, never handled by the shell). */
export function isGraphMessage(msg: { type: string }): boolean {
  return msg.type.startsWith('graph:');
}
