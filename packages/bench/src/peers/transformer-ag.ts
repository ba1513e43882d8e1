import * as ag from '@ag/core';
import type { Tensor } from '@ag/core';
import type { Preparation } from '../contender.js';
import { TRANSFORMER, transformerBatch } from './transformer-data.js';

const { nn, optim } = ag;

/**
 * The char-transformer example's model, built as the example builds it (token and position
 * embeddings, pre-norm encoder layers with a causal mask, a final LayerNorm and a linear head),
 * with positions for the bench's longer sequence.
 */
class CharTransformer extends nn.Module {
  readonly tokens: ag.nn.Embedding;
  readonly positions: ag.nn.Embedding;
  readonly layers: ag.nn.ModuleList<ag.nn.TransformerEncoderLayer>;
  readonly norm: ag.nn.LayerNorm;
  readonly head: ag.nn.Linear;
  private readonly pos: Tensor;

  constructor(device: string) {
    super();
    const { vocab, dModel, heads, layers, ff, seq } = TRANSFORMER;
    this.tokens = new nn.Embedding(vocab, dModel, { device });
    this.positions = new nn.Embedding(seq, dModel, { device });
    this.layers = new nn.ModuleList(
      Array.from(
        { length: layers },
        () =>
          new nn.TransformerEncoderLayer(dModel, heads, {
            dimFeedforward: ff,
            dropout: 0,
            batchFirst: true,
            normFirst: true,
            device,
          }),
      ),
    );
    this.norm = new nn.LayerNorm(dModel, { device });
    this.head = new nn.Linear(dModel, vocab, { device });
    this.pos = ag.arange(seq, undefined, 1, { dtype: 'int32', device });
  }

  forward(x: Tensor): Tensor {
    let h = this.tokens(x).add(this.positions(this.pos));
    for (const layer of this.layers) h = layer(h, { isCausal: true });
    return this.head(this.norm(h));
  }
}

/**
 * One training step as the example takes it: forward, cross-entropy over every position,
 * backward, AdamW. `run` resolves to the loss before the update.
 */
export function agTransformerStep(device: string): Preparation {
  const { vocab, batch, seq, lr, weightDecay } = TRANSFORMER;
  ag.manualSeed(5);
  const model = new CharTransformer(device);
  const opt = new optim.AdamW(model.parameters(), { lr, weightDecay });
  const data = transformerBatch();
  const x = ag.tensor(data.x, { device }).reshape(batch, seq);
  const y = ag.tensor(data.y, { device });
  return {
    async run() {
      const loss = ag.tidy(() => {
        opt.zeroGrad();
        const l = ag.functional.crossEntropy(model(x).reshape(-1, vocab), y);
        l.backward();
        opt.step();
        return l;
      });
      const value = (await loss.toTypedArray())[0];
      loss.dispose();
      return value;
    },
  };
}
