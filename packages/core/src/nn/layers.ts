import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { empty } from './empty.js';
import { constant_, normal_ } from './init.js';
import type { LayerOptions } from './linear.js';
import { pyFloat } from '../format/python-repr.js';
import { DTypeError, ValueError } from '../errors.js';

/** Returns its input (torch.nn.Identity): a placeholder in a Sequential. */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Flattens dims startDim..endDim into one (torch.nn.Flatten: from dim 1, keeping the batch). */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** Zeroes elements with probability p in training, scaling the rest by 1/(1-p); identity in eval. */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new ValueError(`Dropout: probability has to be between 0 and 1, but got ${p}`);
  }
  forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, this.training);
  }
  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}

/** A lookup table of embeddings (torch.nn.Embedding), initialised from N(0, 1). */
export class Embedding extends Module {
  readonly weight: Parameter;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    readonly options: LayerOptions & { paddingIdx?: number } = {},
  ) {
    super();
    const w = normal_(empty([numEmbeddings, embeddingDim], options));
    if (options.paddingIdx !== undefined) constant_(w.select(0, options.paddingIdx), 0);
    this.weight = new Parameter(w);
  }

  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'int32')
      throw new DTypeError(
        `Embedding: expected int32 indices, got ${indices.dtype} of shape ${formatShape(indices.shape)}`,
      );
    return F.embedding(indices, this.weight, this.options.paddingIdx);
  }
  override extraRepr(): string {
    const pad = this.options.paddingIdx;
    // PyTorch keeps a negative padding_idx counted from the end as its positive index.
    const padding = pad === undefined ? '' : `, padding_idx=${pad < 0 ? this.numEmbeddings + pad : pad}`;
    return `${this.numEmbeddings}, ${this.embeddingDim}${padding}`;
  }
}
