import type { LabSettings } from './settings.js';
import type { BoundaryMap, Evaluation, NeuronMaps } from './trainer.js';

/**
 * The messages of a training session (src/lab/session.ts) with the page. They know nothing of
 * backends, so the session and its Node tests load no backend types; src/lab/protocol.ts adds
 * the worker's backend messages to make the whole protocol.
 */

/** What the page sends the session. Every message is handled before the next step runs. */
export type PageToSession =
  /** Build data, model and optimizer afresh (a new run, paused at step 0). */
  | { type: 'lab:reset'; settings: LabSettings }
  | { type: 'lab:start' }
  | { type: 'lab:pause' }
  /** One optimizer step, then a report and a fresh boundary map (paused). */
  | { type: 'lab:step' };

/** The points of a run, sent once per reset for the map to draw. */
export interface LabPoints {
  /** Train then test points, x0 y0 x1 y1 ... */
  xy: Float32Array;
  labels: Int32Array;
  train: number;
}

export interface LabProgress {
  steps: number;
  train: Evaluation;
  test: Evaluation;
  /** Steps per second since the previous report while running; null when none were timed. */
  stepsPerSecond: number | null;
  running: boolean;
}

export type SessionToPage =
  | { type: 'lab:ready'; run: number; points: LabPoints; classes: number; extent: BoundaryMap['extent'] }
  | { type: 'lab:progress'; run: number; progress: LabProgress }
  | { type: 'lab:boundary'; run: number; map: BoundaryMap; neurons: NeuronMaps }
  /** A failure (the backend would not start, a step threw): training is paused. */
  | { type: 'lab:error'; message: string };
