import type { BackendName } from '../worker/backends.js';
import { boundaryCanvas } from './boundary.js';
import { lossChart } from './chart.js';
import { neuronView } from './neurons.js';
import { generateCode } from './codegen.js';
import { renderControls } from './controls.js';
import type { LabHost } from './host.js';
import './lab.css';
import type { LabToPage, PageToLab } from './protocol.js';
import { parseSettings, serializeSettings, type LabSettings } from './settings.js';

export type { LabHost } from './host.js';

/** Steps the generated code trains for when the lab has not stepped yet. */
const DEFAULT_CODE_STEPS = 300;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text = '',
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== '') e.textContent = text;
  return e;
}

function stat(parent: HTMLElement, label: string, testid: string): HTMLElement {
  const box = el('div', { class: 'lab-stat' });
  const value = el('output', { 'data-testid': testid }, '–');
  box.append(el('span', { class: 'lab-stat-label' }, label), value);
  parent.append(box);
  return value;
}

/**
 * The training lab panel (contracts.md, seam 5): the buttons, the figures, the decision-boundary
 * map and the loss curve, with the settings under them; training runs in src/lab/worker.ts on the
 * backend `host` names. The page only draws what the worker reports, so it never waits on training.
 */
export function mountLab(container: HTMLElement, host: LabHost): void {
  const parsed = parseSettings(host.readSettings());
  let settings: LabSettings = parsed.settings;
  let run = -1;
  let running = false;
  let steps = 0;

  const root = el('div', { class: 'lab', 'data-testid': 'lab' });
  const form = el('form', { class: 'lab-controls', 'aria-label': 'Training lab settings' });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
  });
  const main = el('section', { class: 'lab-main', 'aria-label': 'Training' });
  const bar = el('div', { class: 'lab-buttons', role: 'toolbar', 'aria-label': 'Training controls' });
  const startButton = el('button', { type: 'button', 'data-testid': 'lab-run', class: 'lab-primary' }, 'Start');
  const stepButton = el('button', { type: 'button', 'data-testid': 'lab-step' }, 'Step');
  const resetButton = el('button', { type: 'button', 'data-testid': 'lab-reset' }, 'Reset');
  const codeButton = el('button', { type: 'button', 'data-testid': 'lab-code' }, 'Show code');
  bar.append(startButton, stepButton, resetButton, codeButton);
  const stats = el('div', { class: 'lab-stats' });
  const stepsOut = stat(stats, 'Step', 'lab-steps');
  const testAccOut = stat(stats, 'Test accuracy', 'lab-test-accuracy');
  const trainAccOut = stat(stats, 'Train accuracy', 'lab-train-accuracy');
  const speedOut = stat(stats, 'Steps/s', 'lab-speed');
  const backendOut = stat(stats, 'Backend', 'lab-backend');
  const error = el('p', { class: 'lab-error', role: 'alert', 'data-testid': 'lab-error' });
  error.hidden = true;
  const pictures = el('div', { class: 'lab-pictures' });
  const figure = el('figure', { class: 'lab-map' });
  const canvas = el('canvas', {
    'data-testid': 'lab-boundary',
    role: 'img',
    'aria-label':
      'Decision boundary: the model’s class probabilities over the plane, with the points (test points ringed in black)',
  });
  figure.append(canvas, el('figcaption', {}, 'Decision boundary; test points ringed in black'));
  const chartBox = el('figure', { class: 'lab-chart', 'data-testid': 'lab-chart' });
  pictures.append(figure, chartBox);
  const unitsFigure = el('figure', { class: 'lab-neurons' });
  const units = el('div', { 'data-testid': 'lab-neurons' });
  unitsFigure.append(
    units,
    el('figcaption', {}, 'Each hidden unit’s output over the same plane: blue positive, orange negative, white zero'),
  );
  main.append(bar, stats, error, pictures, unitsFigure);
  // the pictures and the buttons first, the settings under them: the panel is narrow beside the
  // notebook on a laptop and the whole width on a phone, and both read top to bottom
  root.append(main, form);
  container.append(root);

  const map = boundaryCanvas(canvas);
  const chart = lossChart(chartBox);
  const unitMaps = neuronView(units);
  let worker: Worker | null = null;

  const showError = (message: string | null): void => {
    error.hidden = message === null;
    error.textContent = message ?? '';
  };
  if (parsed.problems.length > 0) showError(parsed.problems.join('\n'));

  const send = (msg: PageToLab): void => {
    worker?.postMessage(msg);
  };
  const setRunning = (on: boolean): void => {
    running = on;
    startButton.textContent = on ? 'Pause' : 'Start';
    startButton.setAttribute('aria-pressed', String(on));
  };

  const receive = (msg: LabToPage): void => {
    switch (msg.type) {
      case 'lab:backend':
        backendOut.textContent =
          msg.backend === 'cpu'
            ? `CPU (${msg.info.matmulPath ?? 'js'})`
            : `WebGPU${msg.info.adapter ? ` (${msg.info.adapter})` : ''}`;
        return;
      case 'lab:ready':
        run = msg.run;
        chart.clear();
        map.setPoints(msg.points, msg.extent);
        return;
      case 'lab:progress': {
        if (msg.run !== run) return;
        const p = msg.progress;
        steps = p.steps;
        stepsOut.textContent = String(p.steps);
        testAccOut.textContent = `${(p.test.accuracy * 100).toFixed(1)}%`;
        testAccOut.dataset.value = String(p.test.accuracy);
        trainAccOut.textContent = `${(p.train.accuracy * 100).toFixed(1)}%`;
        if (p.stepsPerSecond !== null) speedOut.textContent = p.stepsPerSecond.toFixed(0);
        chart.add(p.steps, p.train.loss, p.test.loss);
        return;
      }
      case 'lab:boundary':
        if (msg.run !== run) return;
        map.draw(msg.map);
        unitMaps.draw(msg.neurons);
        return;
      case 'lab:error':
        setRunning(false);
        showError(msg.message);
        return;
    }
  };

  /** A fresh run of the current settings: paused at step 0. */
  const reset = (): void => {
    setRunning(false);
    steps = 0;
    stepsOut.textContent = '0';
    // figures of the old run go: a test (or a reader) waits for the new run's first report
    for (const out of [testAccOut, trainAccOut, speedOut]) {
      out.textContent = '–';
      delete out.dataset.value;
    }
    send({ type: 'lab:reset', settings });
  };

  const startWorker = (backend: BackendName): void => {
    worker?.terminate();
    backendOut.textContent = backend === 'cpu' ? 'CPU' : 'WebGPU';
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<LabToPage>) => {
      receive(e.data);
    };
    worker.onerror = (e) => {
      setRunning(false);
      showError(`the training worker failed: ${e.message}`);
    };
    send({ type: 'lab:use', backend });
    reset();
  };

  const edit = (next: LabSettings): void => {
    settings = next;
    host.writeSettings(serializeSettings(settings));
    // the form is rebuilt (a layer count adds or removes width fields): keep the keyboard's place
    const focused = document.activeElement?.getAttribute('data-testid');
    renderControls(form, settings, edit);
    if (focused) form.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
    showError(null);
    reset();
  };

  startButton.addEventListener('click', () => {
    showError(null);
    send({ type: running ? 'lab:pause' : 'lab:start' });
    setRunning(!running);
  });
  stepButton.addEventListener('click', () => {
    showError(null);
    setRunning(false);
    send({ type: 'lab:step' });
  });
  resetButton.addEventListener('click', () => {
    showError(null);
    reset();
  });
  codeButton.addEventListener('click', () => {
    host.openInEditor(generateCode(settings, steps > 0 ? steps : DEFAULT_CODE_STEPS));
  });
  host.onBackendChange((b) => {
    if (worker !== null) startWorker(b);
  });

  renderControls(form, settings, edit);
  // The worker (ag, a backend, the first run) starts when the panel is first seen, not with the
  // page: the runner's own worker starts first, and a visitor who never opens the lab pays nothing.
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    if (worker === null) startWorker(host.backend());
  }).observe(root);
}
