import { randomF32 } from '../data.js';

/**
 * The char-transformer example's model (examples/src/char-transformer.ts) at the size issue 18's
 * bench row names: its 12-character vocabulary, width 64, 4 heads, 2 pre-norm layers with a
 * feed-forward of 256, trained by AdamW (lr 3e-3, weight decay 0.01), here on batch 16 of
 * sequence 64 with cross-entropy over every position.
 */
export const TRANSFORMER = {
  vocab: 12,
  dModel: 64,
  heads: 4,
  layers: 2,
  ff: 256,
  batch: 16,
  seq: 64,
  lr: 3e-3,
  weightDecay: 0.01,
  eps: 1e-5,
} as const;

const VOCAB = '0123456789+=';

/**
 * The example's text, "ab+cd=efg" problems written one after another, cut into `batch` windows
 * of `seq + 1` characters: the inputs are each window's first `seq` characters and the targets
 * the next character at every position. Row-major [batch, seq] token ids, for every library.
 */
export function transformerBatch(seed = 11): { x: Int32Array<ArrayBuffer>; y: Int32Array<ArrayBuffer> } {
  const { batch, seq } = TRANSFORMER;
  const digits = randomF32(batch * (seq + 1), seed);
  let at = 0;
  const two = () => Math.floor(((digits[at++ % digits.length]! + 1) / 2) * 100) % 100;
  let text = '';
  while (text.length < batch * (seq + 1)) {
    const [a, b] = [two(), two()];
    text += `${String(a).padStart(2, '0')}+${String(b).padStart(2, '0')}=${String(a + b).padStart(3, '0')}`;
  }
  const x = new Int32Array(batch * seq);
  const y = new Int32Array(batch * seq);
  for (let r = 0; r < batch; r++)
    for (let t = 0; t < seq; t++) {
      x[r * seq + t] = VOCAB.indexOf(text.charAt(r * (seq + 1) + t));
      y[r * seq + t] = VOCAB.indexOf(text.charAt(r * (seq + 1) + t + 1));
    }
  return { x, y };
}
