import type { Tensor } from '../tensor.js';
import * as F from '../functional/index.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { empty } from './empty.js';
import { constant_, normal_ } from './init.js';
import type { LayerOptions } from './linear.js';

export interface EmbeddingBagLayerOptions extends LayerOptions {
  mode?: 'sum' | 'mean' | 'max';
  includeLastOffset?: boolean;
  paddingIdx?: number;
}

/**
 * Sums, means or maxima of bags of embeddings (torch.nn.EmbeddingBag), without building the
 * rows of each bag one by one; the weight initialised from N(0, 1), the padding row zeroed.
 */
export class EmbeddingBag extends Module {
  readonly weight: Parameter;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    readonly options: EmbeddingBagLayerOptions = {},
  ) {
    super();
    const w = normal_(empty([numEmbeddings, embeddingDim], options));
    if (options.paddingIdx !== undefined) constant_(w.select(0, options.paddingIdx), 0);
    this.weight = new Parameter(w);
  }

  /** `input` [B, N] (bags of N), or [M] cut where `offsets` start; `perSampleWeights` for mode 'sum'. */
  forward(input: Tensor, offsets?: Tensor | null, perSampleWeights?: Tensor | null): Tensor {
    return F.embeddingBag(input, this.weight, offsets, {
      mode: this.options.mode ?? 'mean',
      perSampleWeights: perSampleWeights ?? null,
      includeLastOffset: this.options.includeLastOffset ?? false,
      paddingIdx: this.options.paddingIdx ?? null,
    });
  }

  override extraRepr(): string {
    const pad = this.options.paddingIdx;
    // PyTorch formats the mode with str(), unquoted.
    const padding = pad === undefined ? '' : `, padding_idx=${pad < 0 ? this.numEmbeddings + pad : pad}`;
    return `${this.numEmbeddings}, ${this.embeddingDim}, mode=${this.options.mode ?? 'mean'}${padding}`;
  }
}
