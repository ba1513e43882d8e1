import { ACTIVATIONS, DATASETS, LIMITS, OPTIMIZERS, REGULARIZATIONS, type LabSettings } from './settings.js';

/**
 * The lab's settings form: native labelled controls (select, range, number), so keyboard,
 * screen readers and phones work without extra code. A change gives a whole new settings
 * object; a number typed out of range is brought back into it, so the form never holds a
 * value the lab would refuse.
 */

const LABELS: Record<string, string> = {
  moons: 'Two moons',
  circles: 'Circles',
  spirals: 'Three spirals',
  xor: 'XOR',
  blobs: 'Three blobs',
  relu: 'ReLU',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  gelu: 'GELU',
  silu: 'SiLU',
  leakyRelu: 'LeakyReLU',
  elu: 'ELU',
  sgd: 'SGD',
  momentum: 'SGD + momentum 0.9',
  adam: 'Adam',
  adamw: 'AdamW',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
  none: 'None',
  l1: 'L1',
  l2: 'L2 (weight decay)',
};

const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

let uid = 0;

/** A labelled row; `target` (the control itself unless it is wrapped) gets the label's id and the test id. */
function field(form: HTMLElement, label: string, control: HTMLElement, testid: string, target = control): void {
  const id = `lab-field-${++uid}`;
  target.id = id;
  target.dataset.testid = testid;
  const row = document.createElement('div');
  row.className = 'lab-field';
  const text = document.createElement('label');
  text.htmlFor = id;
  text.textContent = label;
  row.append(text, control);
  form.append(row);
}

function select(
  options: readonly (string | number)[],
  value: string | number,
  label = (o: string | number) => LABELS[o] ?? String(o),
): HTMLSelectElement {
  const el = document.createElement('select');
  const all = options.includes(value) ? options : [...options, value].sort((a, b) => Number(a) - Number(b));
  for (const o of all) el.add(new Option(label(o), String(o), false, o === value));
  return el;
}

function clampInput(el: HTMLInputElement, limit: { min: number; max: number }, fallback: number): number {
  const v = Math.round(Number(el.value));
  const clamped = Number.isFinite(v) && el.value !== '' ? Math.min(limit.max, Math.max(limit.min, v)) : fallback;
  el.value = String(clamped);
  return clamped;
}

function numberInput(value: number, limit: { min: number; max: number }): HTMLInputElement {
  const el = document.createElement('input');
  el.type = 'number';
  el.min = String(limit.min);
  el.max = String(limit.max);
  el.step = '1';
  el.value = String(value);
  el.inputMode = 'numeric';
  return el;
}

function slider(value: number, min: number, max: number, step: number, show: (v: number) => string): HTMLElement {
  const wrap = document.createElement('span');
  wrap.className = 'lab-slider';
  const el = document.createElement('input');
  el.type = 'range';
  el.min = String(min);
  el.max = String(max);
  el.step = String(step);
  el.value = String(value);
  const out = document.createElement('output');
  out.textContent = show(value);
  el.setAttribute('aria-valuetext', show(value));
  el.addEventListener('input', () => {
    out.textContent = show(Number(el.value));
    el.setAttribute('aria-valuetext', show(Number(el.value)));
  });
  wrap.append(el, out);
  return wrap;
}

/** Renders the form for `s` into `form`; `onChange` gets the edited copy (the form re-renders with it). */
export function renderControls(form: HTMLElement, s: LabSettings, onChange: (next: LabSettings) => void): void {
  form.replaceChildren();
  const change = (patch: Partial<LabSettings>): void => {
    onChange({ ...s, hidden: [...s.hidden], ...patch });
  };
  const group = (title: string): HTMLElement => {
    const fs = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = title;
    fs.append(legend);
    form.append(fs);
    return fs;
  };

  const dataGroup = group('Data');
  const dataset = select(DATASETS, s.dataset);
  dataset.addEventListener('change', () => {
    change({ dataset: dataset.value as LabSettings['dataset'] });
  });
  field(dataGroup, 'Dataset', dataset, 'lab-dataset');
  const noise = slider(s.noise, LIMITS.noise.min, LIMITS.noise.max, 0.05, (v) => v.toFixed(2));
  const noiseInput = noise.querySelector('input')!;
  noiseInput.addEventListener('change', () => {
    change({ noise: Number(noiseInput.value) });
  });
  field(dataGroup, 'Noise', noise, 'lab-noise', noiseInput);
  const size = numberInput(s.size, LIMITS.size);
  size.step = '10';
  size.addEventListener('change', () => {
    change({ size: clampInput(size, LIMITS.size, s.size) });
  });
  field(dataGroup, 'Points', size, 'lab-size');
  const split = slider(s.testFraction, 0.1, 0.9, 0.05, (v) => `${Math.round(v * 100)}%`);
  const splitInput = split.querySelector('input')!;
  splitInput.addEventListener('change', () => {
    change({ testFraction: Number(splitInput.value) });
  });
  field(dataGroup, 'Test split', split, 'lab-split', splitInput);
  const seed = numberInput(s.seed, LIMITS.seed);
  seed.addEventListener('change', () => {
    change({ seed: clampInput(seed, LIMITS.seed, s.seed) });
  });
  field(dataGroup, 'Seed', seed, 'lab-seed');

  const modelGroup = group('Network');
  const layers = numberInput(s.hidden.length, LIMITS.layers);
  layers.addEventListener('change', () => {
    const n = clampInput(layers, LIMITS.layers, s.hidden.length);
    const hidden = Array.from({ length: n }, (_, i) => s.hidden[i] ?? s.hidden.at(-1) ?? 8);
    change({ hidden });
  });
  field(modelGroup, 'Hidden layers', layers, 'lab-layers');
  s.hidden.forEach((w, i) => {
    const width = numberInput(w, LIMITS.width);
    width.addEventListener('change', () => {
      const hidden = [...s.hidden];
      hidden[i] = clampInput(width, LIMITS.width, w);
      change({ hidden });
    });
    field(modelGroup, `Layer ${i + 1} width`, width, `lab-width-${i + 1}`);
  });
  const act = select(ACTIVATIONS, s.activation);
  act.addEventListener('change', () => {
    change({ activation: act.value as LabSettings['activation'] });
  });
  field(modelGroup, 'Activation', act, 'lab-activation');

  const trainGroup = group('Training');
  const opt = select(OPTIMIZERS, s.optimizer);
  opt.addEventListener('change', () => {
    change({ optimizer: opt.value as LabSettings['optimizer'] });
  });
  field(trainGroup, 'Optimizer', opt, 'lab-optimizer');
  const lr = select(LEARNING_RATES, s.lr);
  lr.addEventListener('change', () => {
    change({ lr: Number(lr.value) });
  });
  field(trainGroup, 'Learning rate', lr, 'lab-lr');
  const batch = numberInput(s.batchSize, LIMITS.batchSize);
  batch.addEventListener('change', () => {
    change({ batchSize: clampInput(batch, LIMITS.batchSize, s.batchSize) });
  });
  field(trainGroup, 'Batch size', batch, 'lab-batch');
  const reg = select(REGULARIZATIONS, s.regularization);
  reg.addEventListener('change', () => {
    change({ regularization: reg.value as LabSettings['regularization'] });
  });
  field(trainGroup, 'Regularisation', reg, 'lab-reg');
  const rate = select(REG_RATES, s.regRate);
  rate.disabled = s.regularization === 'none';
  rate.addEventListener('change', () => {
    change({ regRate: Number(rate.value) });
  });
  field(trainGroup, 'Regularisation rate', rate, 'lab-reg-rate');
}
