import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { renderDetails } from './details.js';
import { arrowDefs, drawGraph } from './draw.js';
import type { Layout } from './layout.js';
import { StepCommand, type GraphToPage, type PageToGraph } from './messages.js';
import { emptyState, resetSteps, type ViewState } from './state.js';
import { createStepControls } from './step-controls.js';
import './graph.css';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The graph view (seam 4): draws what `show(t)` sent, laid out by dagre, zoomed and panned with
 * d3-zoom; a click (or Enter) on a node shows its values in the details pane; Step, Run to end
 * and Reset step through `backward()` in the worker, which waits before each node on a
 * SharedArrayBuffer this page writes to (see stepper.ts).
 */
export function mountGraphView(
  container: HTMLElement,
  send: (msg: PageToGraph) => void,
): { handle(msg: GraphToPage): void; clear(): void } {
  let state: ViewState = emptyState();
  /** The slot the worker waits on during a step-through; null outside one. */
  let control: Int32Array | null = null;

  const root = document.createElement('div');
  root.className = 'graph-view';
  root.dataset.testid = 'graph-view';
  const toolbar = document.createElement('div');
  toolbar.className = 'graph-toolbar';
  const controls = createStepControls({
    step: () => {
      advance(false);
    },
    run: () => {
      advance(true);
    },
    reset,
  });
  const zoomGroup = document.createElement('div');
  zoomGroup.className = 'graph-zoom';
  zoomGroup.setAttribute('role', 'group');
  zoomGroup.setAttribute('aria-label', 'Zoom');
  const body = document.createElement('div');
  body.className = 'graph-body';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'graph-canvas');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Autograd graph: drag to pan, wheel or pinch to zoom');
  svg.append(arrowDefs());
  const scene = document.createElementNS(SVG, 'g');
  svg.append(scene);
  const details = document.createElement('aside');
  details.className = 'graph-details';
  details.dataset.testid = 'graph-details';
  details.setAttribute('aria-label', 'Node details');
  body.append(svg, details);
  toolbar.append(controls.element, zoomGroup);
  root.append(toolbar, body);
  container.append(root);

  const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.1, 4])
    .on('zoom', (ev: { transform: { toString(): string }; sourceEvent: unknown }) => {
      scene.setAttribute('transform', ev.transform.toString());
      // Once the user zoomed or panned, redraws keep their view; until then they refit.
      if (ev.sourceEvent !== null && ev.sourceEvent !== undefined) userMoved = true;
    });
  const svgSel = select(svg);
  svgSel.call(zoomer).on('dblclick.zoom', null);
  let layout: Layout | null = null;
  let userMoved = false;
  const zoomButton = (label: string, name: string, act: () => void): void => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('aria-label', name);
    b.title = name;
    b.addEventListener('click', act);
    zoomGroup.append(b);
  };
  zoomButton('+', 'Zoom in', () => {
    zoomer.scaleBy(svgSel, 1.25);
  });
  zoomButton('−', 'Zoom out', () => {
    zoomer.scaleBy(svgSel, 0.8);
  });
  zoomButton('Fit', 'Fit the graph in view', fit);

  /** A new graph waits to be fitted until the canvas has a size (its panel may be hidden). */
  let needsFit = false;
  new ResizeObserver(() => {
    if (needsFit) fit();
  }).observe(svg);

  /** Scales and centres the whole graph in the canvas (never above 1.5x). */
  function fit(): void {
    if (layout === null) return;
    const { width, height } = svg.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    needsFit = false;
    const k = Math.min(width / layout.width, height / layout.height, 1.5);
    zoomer.transform(
      svgSel,
      zoomIdentity.translate((width - layout.width * k) / 2, (height - layout.height * k) / 2).scale(k),
    );
  }

  function render(): void {
    const focused = document.activeElement?.closest?.('[data-testid="graph-node"]');
    const focusedId = focused instanceof SVGElement ? focused.dataset.id : undefined;
    const before = layout;
    layout = drawGraph(scene, state, select_);
    renderDetails(details, state);
    controls.update(state);
    const resized = layout !== null && (before?.width !== layout.width || before.height !== layout.height);
    if (resized && !userMoved) fit();
    if (focusedId !== undefined) scene.querySelector<SVGGElement>(`[data-id="${focusedId}"]`)?.focus();
  }

  function select_(id: string): void {
    state = { ...state, selected: id };
    render();
  }

  function press(command: number): void {
    Atomics.store(control!, 0, command);
    Atomics.notify(control!, 0);
  }

  /** Starts a step-through; `first` is what the worker finds in the slot at the first node. */
  function start(first: number): void {
    const graph = state.graph!;
    control = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(control, 0, first);
    state = { ...resetSteps(state), phase: first === StepCommand.run ? 'running' : 'stepping' };
    render();
    send({ type: 'graph:step-start', graphId: graph.graphId, control: control.buffer as SharedArrayBuffer });
  }

  /**
   * Step (`toEnd` false) or Run to end: a worker waiting before a node goes on; otherwise a new
   * step-through starts, its first node waiting (Step) or not (Run to end).
   */
  function advance(toEnd: boolean): void {
    if (state.phase === 'waiting') {
      state = { ...state, phase: toEnd ? 'running' : 'stepping' };
      render();
      press(toEnd ? StepCommand.run : StepCommand.step);
    } else if (state.phase === 'idle' || state.phase === 'done' || state.phase === 'error') {
      start(toEnd ? StepCommand.run : StepCommand.wait);
    }
  }

  function reset(): void {
    // A worker waiting before a node is told to abandon the run; it answers 'graph:step-reset'.
    if (state.phase === 'waiting' || state.phase === 'stepping') press(StepCommand.abort);
    else {
      control = null;
      state = resetSteps(state);
      render();
    }
  }

  function handle(msg: GraphToPage): void {
    if (msg.type === 'graph:show') {
      if (control !== null) press(StepCommand.abort); // a run of the previous graph cannot be waiting: be sure
      control = null;
      const first = msg.graph.nodes.find((n) => n.id === msg.graph.rootId);
      state = { ...emptyState(msg.graph), selected: first?.id ?? null };
      userMoved = false;
      needsFit = true;
      render();
      fit();
      return;
    }
    if (state.graph === null || msg.graphId !== state.graph.graphId) return; // about an older graph
    switch (msg.type) {
      case 'graph:step-node': {
        const received = new Map(state.received).set(msg.nodeId, msg.gradOutputs);
        // The gradient flowing into the shown tensor's node (ones for backward()) lights its edge.
        const computed = new Map(state.computed);
        for (const e of state.graph.edges) {
          if (e.from === msg.nodeId && e.to === state.graph.rootId)
            computed.set(e.id, msg.gradOutputs[e.inputNr]?.grad ?? null);
        }
        const phase = state.phase === 'running' ? 'running' : 'waiting';
        state = { ...state, phase, current: msg.nodeId, received, computed, selected: msg.nodeId };
        break;
      }
      case 'graph:step-edges': {
        const computed = new Map(state.computed);
        for (const g of msg.grads) computed.set(String(g.at), g.grad);
        state = { ...state, computed, current: null, ran: [...state.ran, msg.nodeId] };
        break;
      }
      case 'graph:step-done': {
        control = null;
        const received = new Map(state.received);
        const computed = new Map(state.computed);
        for (const late of msg.late) {
          if (late.phase === 'computed') {
            const g = computed.get(String(late.at));
            if (g) computed.set(String(late.at), { ...g, repr: late.repr });
          } else {
            const list = received
              .get(late.nodeId)
              ?.map((g) => (g.at === late.at && g.grad ? { ...g, grad: { ...g.grad, repr: late.repr } } : g));
            if (list !== undefined) received.set(late.nodeId, list);
            for (const e of state.graph.edges) {
              const g = computed.get(e.id);
              if (e.from === late.nodeId && e.to === state.graph.rootId && e.inputNr === late.at && g) {
                computed.set(e.id, { ...g, repr: late.repr });
              }
            }
          }
        }
        const leafGrads = new Map(Object.entries(msg.leafGrads));
        const firstLeaf = [...leafGrads.keys()][0] ?? state.selected;
        state = { ...state, phase: 'done', current: null, received, computed, leafGrads, selected: firstLeaf };
        break;
      }
      case 'graph:step-error':
        control = null;
        state = { ...state, phase: 'error', current: null, message: msg.message };
        break;
      case 'graph:step-reset':
        control = null;
        state = resetSteps(state);
        break;
    }
    render();
  }

  render();
  return {
    handle,
    clear(): void {
      control = null;
      state = emptyState();
      render();
    },
  };
}
