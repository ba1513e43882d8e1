import { data, manualSeed, nn, optim } from '@ag/core';
import type { Tensor } from '@ag/core';
import { blobStd, classesOf, splitSizes, type ActivationName, type LabSettings } from './settings.js';

/**
 * What the settings make: the seeded data split, the network and its optimizer. The worker
 * trains with these and src/lab/codegen.ts writes the same calls out as code, in the same order
 * (data, then the weights, then the batch order all draw from the one seeded generator), so the
 * generated program retraces the lab's run step for step.
 */

export interface Split {
  train: { x: Tensor; y: Tensor };
  test: { x: Tensor; y: Tensor };
  classes: number;
}

/** The whole dataset, seeded, before the split (the generators shuffle their points). */
function points(s: LabSettings): data.Labeled {
  const noise = s.noise;
  switch (s.dataset) {
    case 'moons':
      return data.makeMoons(s.size, { noise });
    case 'circles':
      return data.makeCircles(s.size, { noise, factor: 0.5 });
    case 'spirals':
      return data.makeSpirals(s.size, { noise, classes: classesOf('spirals') });
    case 'xor':
      return data.makeXor(s.size, { noise });
    case 'blobs':
      return data.makeBlobs(s.size, { centers: classesOf('blobs'), std: blobStd(noise) });
  }
}

export function makeSplit(s: LabSettings): Split {
  manualSeed(s.seed);
  const { x, y } = points(s);
  const { train } = splitSizes(s);
  const n = s.size;
  return {
    train: { x: x.narrow(0, 0, train), y: y.narrow(0, 0, train) },
    test: { x: x.narrow(0, train, n - train), y: y.narrow(0, train, n - train) },
    classes: classesOf(s.dataset),
  };
}

function activation(name: ActivationName): nn.Module {
  switch (name) {
    case 'relu':
      return new nn.ReLU();
    case 'tanh':
      return new nn.Tanh();
    case 'sigmoid':
      return new nn.Sigmoid();
    case 'gelu':
      return new nn.GELU();
    case 'silu':
      return new nn.SiLU();
    case 'leakyRelu':
      return new nn.LeakyReLU(0.01);
    case 'elu':
      return new nn.ELU();
  }
}

/** Linear layers of the given widths from 2 inputs to `classes` logits, the activation between. */
export function makeModel(s: LabSettings, classes: number): nn.Sequential {
  const widths = [2, ...s.hidden, classes];
  const layers: nn.Module[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    layers.push(new nn.Linear(widths[i]!, widths[i + 1]!));
    if (i + 2 < widths.length) layers.push(activation(s.activation));
  }
  return new nn.Sequential(...layers);
}

/** L2 is the optimizer's weightDecay (on every parameter, as torch.optim applies it). */
export function makeOptimizer(s: LabSettings, model: nn.Module): optim.Optimizer<object> {
  const params = model.parameters();
  const lr = s.lr;
  const weightDecay = s.regularization === 'l2' ? s.regRate : 0;
  switch (s.optimizer) {
    case 'sgd':
      return new optim.SGD(params, { lr, weightDecay });
    case 'momentum':
      return new optim.SGD(params, { lr, momentum: 0.9, weightDecay });
    case 'adam':
      return new optim.Adam(params, { lr, weightDecay });
    case 'adamw':
      return new optim.AdamW(params, { lr, weightDecay });
    case 'rmsprop':
      return new optim.RMSprop(params, { lr, weightDecay });
    case 'adagrad':
      return new optim.Adagrad(params, { lr, weightDecay });
  }
}

/** The L1 penalty λ·Σ|w| over the layers' weights (not their biases), or null without L1. */
export function l1Penalty(s: LabSettings, model: nn.Module): Tensor | null {
  if (s.regularization !== 'l1' || s.regRate === 0) return null;
  const weights = model.parameters().filter((p) => p.dim() === 2);
  return weights
    .map((w) => w.abs().sum())
    .reduce((a, b) => a.add(b))
    .mul(s.regRate);
}
