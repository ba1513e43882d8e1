import { manualSeed, nn, optim, randperm, tensor } from '@ag/core';
import type { Tensor } from '@ag/core';
import type { Example } from './example.js';

/**
 * A tiny character-level Transformer that learns two-digit addition from strings such as
 * "47+85=132": it reads the characters left to right (causal attention) and is trained to
 * predict the three answer digits.
 */
const VOCAB = '0123456789+=';
const SEQ = 9; // "ab+cd=efg"
const ANSWER_FROM = 5; // position of '=': it and the next two predict the three answer digits

function encode(a: number, b: number): number[] {
  const text = `${String(a).padStart(2, '0')}+${String(b).padStart(2, '0')}=${String(a + b).padStart(3, '0')}`;
  return Array.from({ length: text.length }, (_, i) => VOCAB.indexOf(text.charAt(i)));
}

/** All 10,000 problems, shuffled by the seeded generator, split 80/20. */
function problems(device: string): { train: Tensor[]; test: Tensor[] } {
  const all: number[][] = [];
  for (let a = 0; a < 100; a++) for (let b = 0; b < 100; b++) all.push(encode(a, b));
  const pairs = Array.from(randperm(all.length, { device: 'cpu' }).toTypedArraySync(), (i) => all[i]!);
  const split = (rows: number[][]) => {
    const seq = tensor(Int32Array.from(rows.flat()), { device }).reshape(rows.length, SEQ);
    return [seq.narrow(1, 0, SEQ - 1).contiguous(), seq.narrow(1, 1, SEQ - 1).contiguous()];
  };
  return { train: split(pairs.slice(0, 8000)), test: split(pairs.slice(8000)) };
}

/** Token and position embeddings, pre-norm encoder layers with a causal mask, a linear head. */
class CharTransformer extends nn.Module {
  readonly tokens: nn.Embedding;
  readonly positions: nn.Embedding;
  readonly layers: nn.ModuleList<nn.TransformerEncoderLayer>;
  readonly norm: nn.LayerNorm;
  readonly head: nn.Linear;

  constructor(device: string, dModel = 64, layers = 2) {
    super();
    this.tokens = new nn.Embedding(VOCAB.length, dModel, { device });
    this.positions = new nn.Embedding(SEQ, dModel, { device });
    this.layers = new nn.ModuleList(
      Array.from(
        { length: layers },
        () =>
          new nn.TransformerEncoderLayer(dModel, 4, {
            dimFeedforward: 4 * dModel,
            dropout: 0,
            batchFirst: true,
            normFirst: true,
            device,
          }),
      ),
    );
    this.norm = new nn.LayerNorm(dModel, { device });
    this.head = new nn.Linear(dModel, VOCAB.length, { device });
  }

  forward(x: Tensor): Tensor {
    const length = x.shape[1]!;
    const pos = tensor(
      Int32Array.from({ length }, (_, i) => i),
      { device: x.device },
    );
    let h = this.tokens(x).add(this.positions(pos));
    for (const layer of this.layers) h = layer(h, { isCausal: true });
    return this.head(this.norm(h));
  }
}

export const charTransformer: Example = {
  name: 'char-transformer',
  description: 'a character-level Transformer learning two-digit addition ("47+85=132")',
  epochs: 6,
  batchSize: 64,
  data(device) {
    manualSeed(4);
    return problems(device);
  },
  model(device) {
    manualSeed(5);
    return new CharTransformer(device);
  },
  optimizer: (model) => new optim.AdamW(model.parameters(), { lr: 3e-3, weightDecay: 0.01 }),
  step(model, [x, y]) {
    const logits = (model(x!) as Tensor).narrow(1, ANSWER_FROM, 3);
    const target = y!.narrow(1, ANSWER_FROM, 3);
    const loss = new nn.CrossEntropyLoss()(logits.reshape(-1, VOCAB.length), target.reshape(-1));
    // a problem counts as right when all three answer digits are
    const right = logits.argmax(2).eq(target).int().sum(1).eq(3).sum();
    return { loss, correct: right };
  },
};
