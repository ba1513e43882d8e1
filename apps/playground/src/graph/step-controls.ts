import type { ViewState } from './state.js';

export interface StepControls {
  element: HTMLElement;
  /** Enables the buttons and words the status for `state`. */
  update(state: ViewState): void;
}

/** Whether this page can block the worker on shared memory (it is cross-origin isolated). */
export function canShareMemory(): boolean {
  return globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function';
}

function button(label: string, testid: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

/** The step-through's controls (Step, Run to end, Reset) and a status line read out as it changes. */
export function createStepControls(on: { step: () => void; run: () => void; reset: () => void }): StepControls {
  const element = document.createElement('div');
  element.className = 'graph-steps';
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', 'Step through backward');
  const step = button('Step', 'graph-step', 'Run backward() one node at a time', on.step);
  const run = button('Run to end', 'graph-run', 'Run the remaining nodes of backward()', on.run);
  const reset = button('Reset', 'graph-reset', 'Stop the step-through and clear its gradients', on.reset);
  const status = document.createElement('p');
  status.className = 'graph-status';
  status.dataset.testid = 'graph-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  element.append(step, run, reset, status);

  return {
    element,
    update(state: ViewState): void {
      const graph = state.graph;
      const blocked = graph === null ? 'show(t) draws a graph to step through' : graph.stepBlocked;
      const shared = canShareMemory();
      const busy = state.phase === 'stepping' || state.phase === 'running';
      step.disabled = blocked !== null || !shared || busy;
      run.disabled = blocked !== null || !shared || busy;
      reset.disabled = state.phase === 'idle' || state.phase === 'running';
      status.textContent =
        blocked ?? (!shared ? 'Stepping needs a cross-origin isolated page (SharedArrayBuffer).' : describe(state));
    },
  };
}

function describe(state: ViewState): string {
  const name = (id: string | null): string => state.graph?.nodes.find((n) => n.id === id)?.name ?? '?';
  switch (state.phase) {
    case 'idle':
      return "Step runs backward() one node at a time, in the engine's order.";
    case 'stepping':
      return 'Running…';
    case 'waiting':
      return `Next: ${name(state.current)} (node ${state.ran.length + 1}), with the gradient shown. Step runs it.`;
    case 'running':
      return 'Running backward() to the end…';
    case 'done':
      return `backward() ran ${state.ran.length} nodes; the leaves hold their .grad. Step again to run it once more (gradients accumulate).`;
    case 'error':
      return `backward() failed: ${state.message ?? ''}`;
  }
}
