import type { Tensor, nn, optim } from '@ag/core';

/** One batch's outcome, for the progress bar: the loss and how many predictions were right. */
export interface StepResult {
  loss: Tensor;
  correct: Tensor | null;
}

/**
 * A trainable example: its data, its model and how to score it. The training loop (train.ts,
 * and the tests) is shared, so each example is only what makes it different.
 */
export interface Example {
  readonly name: string;
  readonly description: string;
  readonly epochs: number;
  readonly batchSize: number;
  /** Training and held-out data, made in code and seeded. */
  data(device: string): { train: Tensor[]; test: Tensor[] };
  model(device: string): nn.Module;
  optimizer(model: nn.Module): optim.Optimizer<{ lr: number }>;
  /** Loss (and correct-prediction count) of a batch. */
  step(model: nn.Module, batch: Tensor[]): StepResult;
}
