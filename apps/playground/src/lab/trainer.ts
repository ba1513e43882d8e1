import { data, nn, noGrad, tensor, tidy } from '@ag/core';
import type { Tensor, optim } from '@ag/core';
import { l1Penalty, makeModel, makeOptimizer, makeSplit, type Split } from './build.js';
import type { LabSettings } from './settings.js';

/** Loss and accuracy of the model on a whole set. */
export interface Evaluation {
  loss: number;
  accuracy: number;
}

/** The model's class probabilities over a square grid covering the data, row by row from the top. */
export interface BoundaryMap {
  /** Grid points per side. */
  size: number;
  classes: number;
  /** [xmin, xmax, ymin, ymax] of the area the grid covers. */
  extent: [number, number, number, number];
  /** size*size*classes probabilities, point-major. */
  probs: Float32Array;
}

/** Each hidden layer's outputs (after its activation) over a square grid of the same area. */
export interface NeuronMaps {
  size: number;
  widths: number[];
  /** Per hidden layer, size*size*width values, point-major (row by row from the top). */
  values: Float32Array[];
}

/** The data extent with a margin, so the map shows the boundary a little past the points. */
function extentOf(xs: Float32Array): BoundaryMap['extent'] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < xs.length; i += 2) {
    x0 = Math.min(x0, xs[i]!);
    x1 = Math.max(x1, xs[i]!);
    y0 = Math.min(y0, xs[i + 1]!);
    y1 = Math.max(y1, xs[i + 1]!);
  }
  const pad = 0.1 * Math.max(x1 - x0, y1 - y0, 1e-3);
  return [x0 - pad, x1 + pad, y0 - pad, y1 + pad];
}

/**
 * One training run of the lab, a step at a time: the PyTorch loop (zeroGrad, forward, loss,
 * backward, step) over a DataLoader that reshuffles each epoch. Every step runs inside `tidy`,
 * so its temporaries free device memory at once (WebGPU buffers included) instead of waiting
 * for the garbage collector. No DOM here: the worker drives it, and so do the Node tests.
 */
export class Trainer {
  readonly split: Split;
  readonly model: nn.Sequential;
  readonly optimizer: optim.Optimizer<object>;
  readonly extent: BoundaryMap['extent'];
  /** Steps taken (batches), across epochs. */
  steps = 0;
  private readonly lossFn = new nn.CrossEntropyLoss();
  private readonly loader: data.DataLoader;
  private batches: Iterator<Tensor[]>;
  private readonly grids = new Map<number, Tensor>();

  private constructor(
    readonly settings: LabSettings,
    split: Split,
    readonly trainPoints: Float32Array,
  ) {
    this.split = split;
    this.model = makeModel(settings, split.classes);
    this.optimizer = makeOptimizer(settings, this.model);
    this.loader = new data.DataLoader(new data.TensorDataset(split.train.x, split.train.y), {
      batchSize: settings.batchSize,
      shuffle: true,
    });
    this.batches = this.loader[Symbol.iterator]();
    this.extent = extentOf(trainPoints);
  }

  /** Builds data, model and optimizer from the settings (seeded) on the default device. */
  static async create(settings: LabSettings): Promise<Trainer> {
    const split = makeSplit(settings);
    // The model and the batch order draw from the generator right after the data, as the
    // generated code does; reading the points back first draws nothing.
    return new Trainer(settings, split, (await split.train.x.toTypedArray()) as Float32Array);
  }

  private loss(x: Tensor, y: Tensor): Tensor {
    const loss = this.lossFn(this.model(x), y);
    const penalty = l1Penalty(this.settings, this.model);
    return penalty === null ? loss : loss.add(penalty);
  }

  /** One optimizer step on the next batch; the loss tensor is returned un-read (reading syncs a GPU). */
  step(): Tensor {
    let next = this.batches.next();
    if (next.done === true) {
      this.batches = this.loader[Symbol.iterator]();
      next = this.batches.next();
    }
    const [x, y] = next.value as Tensor[];
    const loss = tidy(() => {
      this.optimizer.zeroGrad();
      const l = this.loss(x!, y!);
      l.backward();
      this.optimizer.step();
      return l;
    });
    this.steps++;
    return loss;
  }

  /** Loss (with any L1 penalty, as trained) and accuracy over the train or the test set. */
  async evaluate(which: 'train' | 'test'): Promise<Evaluation> {
    const { x, y } = this.split[which];
    const [loss, correct] = noGrad(() =>
      tidy(() => {
        const logits = this.model(x);
        const penalty = l1Penalty(this.settings, this.model);
        const l = this.lossFn(logits, y);
        return [penalty === null ? l : l.add(penalty), logits.argmax(1).eq(y).sum()];
      }),
    );
    return { loss: await loss.item(), accuracy: (await correct.item()) / y.shape[0]! };
  }

  /** The centres of a size x size grid over the extent, top row first, as a [size*size, 2] tensor. */
  private grid(size: number): Tensor {
    let points = this.grids.get(size);
    if (points === undefined) {
      const [x0, x1, y0, y1] = this.extent;
      const xy = new Float32Array(size * size * 2);
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          const at = 2 * (r * size + c);
          xy[at] = x0 + ((c + 0.5) / size) * (x1 - x0);
          xy[at + 1] = y1 - ((r + 0.5) / size) * (y1 - y0); // row 0 is the top of the picture
        }
      }
      points = tensor(xy).reshape(size * size, 2);
      this.grids.set(size, points);
    }
    return points;
  }

  /** Class probabilities over a size x size grid of the data's extent. */
  async boundary(size: number): Promise<BoundaryMap> {
    const grid = this.grid(size);
    const probs = noGrad(() => tidy(() => this.model(grid).softmax(1)));
    const values = (await probs.toTypedArray()) as Float32Array;
    probs.dispose();
    return { size, classes: this.split.classes, extent: this.extent, probs: values };
  }

  /** Every hidden unit's output over a size x size grid (TensorFlow Playground's small maps). */
  async neurons(size: number): Promise<NeuronMaps> {
    const grid = this.grid(size);
    const outputs = noGrad(() =>
      tidy(() => {
        const hidden: Tensor[] = [];
        let y = grid;
        // makeModel's layers alternate Linear, activation, ..., Linear: the odd ones end a hidden layer
        this.model.children().forEach((layer, i) => {
          y = layer(y) as Tensor;
          if (i % 2 === 1) hidden.push(y);
        });
        return hidden;
      }),
    );
    const values = await Promise.all(outputs.map(async (t) => (await t.toTypedArray()) as Float32Array));
    for (const t of outputs) t.dispose();
    return { size, widths: [...this.settings.hidden], values };
  }
}
