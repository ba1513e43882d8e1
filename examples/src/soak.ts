import { data, memory, tidy } from '@ag/core';
import type { Tensor } from '@ag/core';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Example } from './example.js';

/**
 * Memory over long runs: an example trained for many steps in one of the three ways users write
 * a loop, with what stays alive read at the start, after a tenth of the steps and at the end, each
 * time after the garbage collector has run. Flat means the end equals the tenth: the model, the
 * optimizer's state and the data, and nothing per step.
 *
 * - `plain`: as PyTorch users write it; nothing disposed, the collector frees every step's tensors.
 * - `tidy`: the whole step (its batch included) inside `tidy`, the loss returned and disposed after its read.
 * - `dispose`: the tensors the loop holds (batch, loss, prediction count) disposed once used;
 *   the model's intermediates are left to the autograd engine and the collector.
 */
export type SoakStyle = 'plain' | 'tidy' | 'dispose';
export const SOAK_STYLES: readonly SoakStyle[] = ['plain', 'tidy', 'dispose'];

/**
 * What is alive after `step` steps: core's counts for the device and the backend's live buffers,
 * less the scalar operands ops cache (bounded, and counted apart as `cached`: see `memory()`).
 */
export interface SoakSample {
  step: number;
  tensors: number;
  bytes: number;
  /** The backend's own count of live device storages (WebGPU), or null. */
  buffers: number | null;
  /** Cached scalar operands (one storage, and on WebGPU one buffer, each). */
  cached: number;
}

export interface SoakResult {
  example: string;
  device: string;
  style: SoakStyle;
  steps: number;
  /** Before the first step, after a tenth of them, after the last. */
  start: SoakSample;
  middle: SoakSample;
  end: SoakSample;
  /** Wall time per step, reads of the loss included, collections between samples not. */
  msPerStep: number;
  /** The last step's loss, to show training went on. */
  loss: number;
  /** Parameters of the model, and those with optimizer state (read after the last sample: see `soak`). */
  parameters: number;
  withState: number;
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Collects garbage until FinalizationRegistry callbacks have run and counts stop falling. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function sample(device: string, step: number): Promise<SoakSample> {
  await settle();
  const info = memory().backends[device]!;
  const cached = info.cached.tensors;
  // Storages, not GPU buffers: small storages share slab buffers, whose count says nothing of leaks.
  const buffers = info.device.liveStorages;
  return {
    step,
    tensors: info.tensors - cached,
    bytes: info.bytes - info.cached.bytes,
    buffers: buffers === undefined ? null : buffers - cached,
    cached,
  };
}

/** The loader's batches, epoch after epoch, for ever. */
function* batches(loader: Iterable<unknown>): Generator<Tensor[]> {
  for (;;) for (const batch of loader) yield batch as Tensor[];
}

/**
 * Trains `example` on `device` for `steps` steps in `style`. The counts are exact only where
 * core watches every storage: call `memory.recordHistory(true, { stacks: false })` before this
 * on backends whose storages the collector reclaims unseen (the CPU).
 */
export async function soak(example: Example, device: string, style: SoakStyle, steps: number): Promise<SoakResult> {
  const { train } = example.data(device);
  const model = example.model(device);
  const opt = example.optimizer(model);
  const loader = new data.DataLoader(new data.TensorDataset(...train), {
    batchSize: example.batchSize,
    shuffle: true,
  });
  const source = batches(loader);
  const next = (): Tensor[] => source.next().value as Tensor[];
  const start = await sample(device, 0);
  const tenth = Math.max(1, Math.floor(steps / 10));
  let middle = start;
  let spent = 0;
  let loss = Number.NaN;
  for (let step = 1; step <= steps; step++) {
    const began = performance.now();
    loss = await runStep(example, model, opt, next, style);
    spent += performance.now() - began;
    if (step === tenth) middle = await sample(device, step);
  }
  const end = await sample(device, steps);
  // The model and optimizer are used after the last sample, so they are alive at it: otherwise
  // optimized code lets the collector take them after the last step, and the end looks lower.
  const [parameters, withState] = [model.parameters().length, opt.state.size];
  const msPerStep = spent / steps;
  return { example: example.name, device, style, steps, start, middle, end, msPerStep, loss, parameters, withState };
}

type Model = ReturnType<Example['model']>;
type Optimizer = ReturnType<Example['optimizer']>;

/** One step in `style`; returns the loss read back (a read every step bounds a GPU's queue). */
async function runStep(
  example: Example,
  model: Model,
  opt: Optimizer,
  next: () => Tensor[],
  style: SoakStyle,
): Promise<number> {
  const body = (batch: Tensor[]): { loss: Tensor; correct: Tensor | null } => {
    opt.zeroGrad();
    const out = example.step(model, batch);
    out.loss.backward();
    opt.step();
    return out;
  };
  if (style === 'tidy') {
    const l = tidy(() => body(next()).loss);
    const value = await l.item();
    l.dispose();
    return value;
  }
  const batch = next();
  const { loss, correct } = body(batch);
  const value = await loss.item();
  if (style === 'dispose') for (const t of [...batch, loss, correct]) t?.dispose();
  return value;
}
