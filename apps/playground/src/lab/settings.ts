/**
 * The training lab's settings: one plain object that the controls edit, the worker trains from,
 * the code generator writes out and the URL carries (as compact JSON under the 'lab' key). A
 * link is untrusted input, so reading one checks every field against the ranges below and keeps
 * the default wherever a field is missing or wrong; an unreadable or other-version link gives the
 * defaults. Nothing here touches the DOM or a backend, so Node tests import it as is.
 */

export const DATASETS = ['moons', 'circles', 'spirals', 'xor', 'blobs'] as const;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'gelu', 'silu', 'leakyRelu', 'elu'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'adamw', 'rmsprop', 'adagrad'] as const;
export const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;

export type DatasetName = (typeof DATASETS)[number];
export type ActivationName = (typeof ACTIVATIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type Regularization = (typeof REGULARIZATIONS)[number];

export interface LabSettings {
  dataset: DatasetName;
  /** Standard deviation of the Gaussian noise on each coordinate (for blobs: of each cluster). */
  noise: number;
  /** Number of points, train and test together. */
  size: number;
  /** Share of the points held out for the test set. */
  testFraction: number;
  /** manualSeed for the data, the initial weights and the batch order. */
  seed: number;
  /** Widths of the hidden layers, input first (an empty list is logistic regression). */
  hidden: number[];
  activation: ActivationName;
  optimizer: OptimizerName;
  lr: number;
  batchSize: number;
  regularization: Regularization;
  /** λ: the L1 penalty's factor, or the optimizer's weightDecay for L2. */
  regRate: number;
}

/** The bump that makes older links fall back to the defaults rather than misread. */
export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS: Readonly<LabSettings> = Object.freeze({
  dataset: 'moons',
  noise: 0.1,
  size: 400,
  testFraction: 0.3,
  seed: 0,
  hidden: [16, 16],
  activation: 'relu',
  optimizer: 'adam',
  lr: 0.03,
  batchSize: 32,
  regularization: 'none',
  regRate: 0.001,
} as LabSettings);

/** Allowed numeric ranges (inclusive); the controls use the same bounds. */
export const LIMITS = {
  noise: { min: 0, max: 0.5 },
  size: { min: 20, max: 2000, integer: true },
  testFraction: { min: 0.1, max: 0.9 },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  layers: { min: 0, max: 6, integer: true },
  width: { min: 1, max: 64, integer: true },
  lr: { min: 1e-5, max: 10 },
  batchSize: { min: 1, max: 2000, integer: true },
  regRate: { min: 0, max: 1 },
} as const;

type Limit = { min: number; max: number; integer?: boolean };

/** Number of classes each dataset draws. */
export function classesOf(dataset: DatasetName): number {
  return dataset === 'spirals' || dataset === 'blobs' ? 3 : 2;
}

/**
 * makeBlobs spreads its centres over [-10, 10]^2, so the noise slider's 0..0.5 becomes a cluster
 * spread of 0..5 there, the same share of the picture as noise on the other datasets (rounded so
 * that the generated code shows the number the lab used).
 */
export function blobStd(noise: number): number {
  return Number((noise * 10).toPrecision(12));
}

/** Sizes of the train and test sets: at least one point in each. */
export function splitSizes(s: Pick<LabSettings, 'size' | 'testFraction'>): { train: number; test: number } {
  const test = Math.min(s.size - 1, Math.max(1, Math.round(s.size * s.testFraction)));
  return { train: s.size - test, test };
}

function inRange(v: unknown, limit: Limit): v is number {
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v >= limit.min &&
    v <= limit.max &&
    (!limit.integer || Number.isInteger(v))
  );
}

function oneOf<T extends string>(v: unknown, choices: readonly T[]): v is T {
  return typeof v === 'string' && (choices as readonly string[]).includes(v);
}

/** Why a settings object is not valid, one line per field; empty when it is. */
export function settingsErrors(s: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const number = (key: keyof typeof LIMITS & keyof LabSettings): void => {
    const limit: Limit = LIMITS[key];
    if (!inRange(s[key], limit))
      errors.push(
        `${key}: expected ${limit.integer ? 'an integer' : 'a number'} in [${limit.min}, ${limit.max}], got ${JSON.stringify(s[key])}`,
      );
  };
  const choice = (key: keyof LabSettings, choices: readonly string[]): void => {
    if (!oneOf(s[key], choices))
      errors.push(`${key}: expected one of ${choices.join(', ')}, got ${JSON.stringify(s[key])}`);
  };
  choice('dataset', DATASETS);
  number('noise');
  number('size');
  number('testFraction');
  number('seed');
  const hidden = s.hidden;
  if (
    !Array.isArray(hidden) ||
    !inRange(hidden.length, LIMITS.layers) ||
    !hidden.every((w) => inRange(w, LIMITS.width))
  )
    errors.push(
      `hidden: expected up to ${LIMITS.layers.max} integer widths in [${LIMITS.width.min}, ${LIMITS.width.max}], got ${JSON.stringify(hidden)}`,
    );
  choice('activation', ACTIVATIONS);
  choice('optimizer', OPTIMIZERS);
  number('lr');
  number('batchSize');
  choice('regularization', REGULARIZATIONS);
  number('regRate');
  return errors;
}

/** Throws naming every bad field: for settings built in code (the page's controls, tests). */
export function checkSettings(s: LabSettings): LabSettings {
  const errors = settingsErrors(s as unknown as Record<string, unknown>);
  if (errors.length > 0) throw new Error(`lab settings: ${errors.join('; ')}`);
  return s;
}

/** The compact JSON a link carries: the version, then only the fields that differ from the defaults. */
export function serializeSettings(s: LabSettings): string {
  const out: Record<string, unknown> = { v: SETTINGS_VERSION };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof LabSettings)[]) {
    if (JSON.stringify(s[key]) !== JSON.stringify(DEFAULT_SETTINGS[key])) out[key] = s[key];
  }
  return JSON.stringify(out);
}

export interface ParsedSettings {
  settings: LabSettings;
  /** What was wrong with the text, empty when it was read as is. */
  problems: string[];
}

/**
 * Reads a link's settings. Never throws: text that is not JSON, not an object, or of another
 * version gives the defaults; a field that is out of range or of the wrong kind keeps its
 * default while the others are read.
 */
export function parseSettings(text: string | null): ParsedSettings {
  const defaults = (problem?: string): ParsedSettings => ({
    settings: { ...DEFAULT_SETTINGS, hidden: [...DEFAULT_SETTINGS.hidden] },
    problems: problem === undefined ? [] : [problem],
  });
  if (text === null || text === '') return defaults();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return defaults('lab settings: not JSON, using the defaults');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return defaults('lab settings: not an object, using the defaults');
  const fields = raw as Record<string, unknown>;
  if (fields.v !== SETTINGS_VERSION)
    return defaults(`lab settings: version ${JSON.stringify(fields.v)} is not ${SETTINGS_VERSION}, using the defaults`);
  const { settings } = defaults();
  const problems: string[] = [];
  for (const key of Object.keys(settings) as (keyof LabSettings)[]) {
    if (!(key in fields)) continue;
    const candidate = { ...settings, [key]: fields[key] };
    const bad = settingsErrors(candidate).filter((e) => e.startsWith(`${key}:`));
    if (bad.length > 0) problems.push(...bad.map((e) => `lab settings: ${e}, using the default`));
    else Object.assign(settings, { [key]: fields[key] });
  }
  settings.hidden = [...settings.hidden];
  // A batch larger than the training set is legal for a DataLoader (one short batch), so it is kept.
  return { settings, problems };
}
