import { data, noGrad } from '@ag/core';
import type { Tensor, nn } from '@ag/core';
import type { Example } from './example.js';

export interface EpochStats {
  epoch: number;
  loss: number;
  accuracy: number | null;
  samplesPerSecond: number;
}

export interface TrainOptions {
  device: string;
  epochs?: number;
  /** Stop each epoch after this many batches (tests train for a bounded number of steps). */
  maxBatches?: number;
  /** Called after every batch with the fraction of the epoch done. */
  onBatch?: (epoch: number, fraction: number, loss: number) => void;
  onEpoch?: (stats: EpochStats) => void;
}

/**
 * The loop every example shares, PyTorch style: zeroGrad, forward, loss, backward, step.
 * Values are read back once per batch for the progress bar (on the CPU that is free; on a GPU
 * it is the one synchronisation per batch).
 */
export interface TrainResult {
  model: nn.Module;
  history: EpochStats[];
  test: { loss: number; accuracy: number | null };
}

export async function train(example: Example, options: TrainOptions): Promise<TrainResult> {
  const { train: trainSet, test: testSet } = example.data(options.device);
  const model = example.model(options.device);
  const opt = example.optimizer(model);
  const loader = new data.DataLoader(new data.TensorDataset(...trainSet), {
    batchSize: example.batchSize,
    shuffle: true,
  });
  const epochs = options.epochs ?? example.epochs;
  const history: EpochStats[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    model.train();
    const started = performance.now();
    let seen = 0;
    let lossSum = 0;
    let correct = 0;
    let batchIndex = 0;
    for (const batch of loader) {
      if (batchIndex === options.maxBatches) break;
      opt.zeroGrad();
      const { loss, correct: right } = example.step(model, batch);
      loss.backward();
      opt.step();
      const n = batch[0]!.shape[0]!;
      const l = await loss.item();
      lossSum += l * n;
      if (right !== null) correct += await right.item();
      seen += n;
      options.onBatch?.(epoch, ++batchIndex / Math.min(loader.length, options.maxBatches ?? Infinity), l);
    }
    const stats: EpochStats = {
      epoch,
      loss: lossSum / seen,
      accuracy: correct / seen,
      samplesPerSecond: seen / ((performance.now() - started) / 1000),
    };
    history.push(stats);
    options.onEpoch?.(stats);
  }
  model.eval();
  const test = await evaluate(example, model, testSet);
  return { model, history, test };
}

async function evaluate(example: Example, model: nn.Module, set: Tensor[]): Promise<TrainResult['test']> {
  const { loss, correct } = noGrad(() => example.step(model, set));
  const n = set[0]!.shape[0]!;
  return { loss: await loss.item(), accuracy: correct === null ? null : (await correct.item()) / n };
}
