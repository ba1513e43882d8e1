import { isTensor } from '@ag/core';
import { captureGraph, MAX_NODES, type CapturedGraph } from './capture.js';
import { tensorNames } from './names.js';
import type { GraphToPage, PageToGraph } from './messages.js';
import { stepBackward } from './stepper.js';

/**
 * The graph tools of the runner worker (seam 3): `show(t)` for the user's scope, and the
 * handler of the page's 'graph:' messages. The last shown graph is the one the page can step.
 * `options.variables`, when given, returns the notebook's variables, which name the leaves and
 * the shown tensor in the drawing (`a`, `out`, `model.0.weight`).
 */
export function createGraphTools(
  post: (msg: GraphToPage) => void,
  options: { variables?: () => Readonly<Record<string, unknown>> } = {},
): {
  show(t: unknown): Promise<void>;
  handle(msg: PageToGraph): Promise<void>;
} {
  let shown: CapturedGraph | null = null;
  let nextId = 1;
  return {
    async show(t: unknown): Promise<void> {
      if (!isTensor(t)) {
        const what = t === null ? 'null' : Array.isArray(t) ? 'an array' : typeof t;
        throw new Error(`show: expected a Tensor, got ${what}`);
      }
      const names = options.variables === undefined ? undefined : tensorNames(options.variables());
      shown = await captureGraph(t, nextId++, MAX_NODES, names);
      post({ type: 'graph:show', graph: shown.data });
    },
    async handle(msg: PageToGraph): Promise<void> {
      switch (msg.type) {
        case 'graph:step-start': {
          // A message about a graph replaced since (show ran again) is stale: ignore it.
          if (shown?.data.graphId !== msg.graphId) return;
          await stepBackward(shown, new Int32Array(msg.control), post);
          return;
        }
      }
    },
  };
}
