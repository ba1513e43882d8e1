import { getBackend } from '../backend/registry.js';
import { isFloating } from '../dtype.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { sampleUniform } from '../random/distributions.js';
import type { Generator } from '../random/generator.js';
import { exponentialSamples, generatorOf, type GeneratorOption } from './random.js';
import { arange } from './creation.js';
import { detach } from './convert.js';
import { cumsum } from './cumulative.js';
import { fromHost } from './dispatch.js';
import { div, eq, ge, gt, logicalAnd, lt, where } from './elementwise.js';
import { checkIndexRange } from './index-range.js';
import { noGrad } from '../autograd/grad-mode.js';
import { tidy } from '../memory/scope.js';
import { sum } from './reduce.js';
import { topk } from './sort.js';
import { narrow } from './slicing.js';
import { squeeze, unsqueeze } from './view.js';
import { ArgumentError, DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Indices sampled from the rows of `input` (unnormalised probabilities, 1-D or 2-D), as
 * PyTorch's CPU multinomial samples them, so a seed gives its samples (torch.multinomial):
 *
 * - with replacement, more than one sample: the row's cumulative sum over its total (the last
 *   bucket set to 1), and for each sample a double uniform u, the first bucket whose cumulative
 *   probability is not below u (a binary search in PyTorch; here the count of buckets below u,
 *   the same index, computed on the tensor's device);
 * - otherwise (one sample, or no replacement): q ~ Exp(1) of the input's shape, and the largest
 *   input / q, and for several samples the largest in order (topk).
 *
 * int32 indices (PyTorch's are int64). The values are computed on the input's device; only the
 * uniform draws come from the host.
 */
export function multinomial(input: Tensor, numSamples: number, replacement = false, options?: GeneratorOption): Tensor {
  if (!(input instanceof Tensor)) throw new ArgumentError(`multinomial: expected a Tensor, got ${String(input)}`);
  if (input.ndim !== 1 && input.ndim !== 2) {
    throw new ShapeError(`multinomial: prob_dist must be 1 or 2 dim, got shape ${formatShape(input.shape)}`);
  }
  if (!isFloating(input.dtype)) {
    throw new DTypeError(`multinomial: only supports floating-point dtypes for input, got ${input.dtype}`);
  }
  if (!Number.isInteger(numSamples) || numSamples <= 0) {
    throw new ValueError(`multinomial: cannot sample n_sample <= 0 samples, got ${numSamples}`);
  }
  const categories = input.shape[input.ndim - 1]!;
  if (!replacement && numSamples > categories) {
    throw new ValueError(
      `multinomial: cannot sample n_sample > prob_dist.size(-1) samples without replacement (${numSamples} > ${categories})`,
    );
  }
  const gen = generatorOf('multinomial', options);
  const rows = input.ndim === 2 ? input.shape[0]! : 1;
  const p = detach(input).reshape([rows, categories]);
  checkProbabilities(p);
  const picked =
    replacement && numSamples > 1 ? withReplacement(p, numSamples, gen) : byExponentials(p, numSamples, gen);
  return input.ndim === 1 ? squeeze(picked, 0) : picked;
}

const BAD_ELEMENT = 1;
const ZERO_SUM = 2;

/**
 * PyTorch's checks of the distribution: no element negative, infinite or NaN, and every row
 * summing above 0. A single code says which failed (0 when none did), checked as an index value
 * would be: now on the host, on the device elsewhere, reported by the next read.
 */
function checkProbabilities(p: Tensor): void {
  const code = noGrad(() =>
    tidy(() => {
      // NaN fails both comparisons, so `ok` is false for it too.
      const ok = logicalAnd(ge(p, 0), lt(p, Infinity));
      const badElements = sum(where(ok, 0, 1));
      const zeroRows = sum(where(gt(sum(p, 1), 0), 0, 1));
      return where(gt(badElements, 0), BAD_ELEMENT, where(gt(zeroRows, 0), ZERO_SUM, 0)).to('int32');
    }),
  );
  checkIndexRange(
    'multinomial',
    code,
    1,
    null,
    (v) =>
      v === BAD_ELEMENT
        ? 'multinomial: probability tensor contains either inf, nan or element < 0'
        : 'multinomial: invalid multinomial distribution (sum of probabilities <= 0)',
    ValueError,
  );
}

function withReplacement(p: Tensor, n: number, gen: Generator): Tensor {
  const [rows, k] = p.shape as [number, number];
  const running = cumsum(p, 1);
  const normalised = div(running, narrow(running, 1, k - 1, 1));
  const cum = where(eq(arange(k, undefined, 1, { device: p.device }), k - 1), 1, normalised);
  // PyTorch compares the float bucket c with the double u: c < u exactly when c < u rounded up
  // to a float32, so the draws travel as float32 (WebGPU has no float64) and compare the same.
  const u = sampleUniform(gen, rows * n, 0, 1, 53);
  const exact = p.dtype === 'float64' ? u : u.map(roundUpToFloat32);
  const draws = fromHost(getBackend(p.device), exact, [rows, n, 1], p.dtype);
  return sum(lt(unsqueeze(cum, 1), draws), 2).to('int32');
}

function byExponentials(p: Tensor, n: number, gen: Generator): Tensor {
  const like = { shape: p.shape, dtype: p.dtype, device: p.device }; // empty_like(p): a new tensor
  const q = exponentialSamples('multinomial', like, 1, { generator: gen });
  // The n largest scores in order, the first of equal ones first, as PyTorch's topk gives them.
  return topk(div(p, q), n, 1).indices;
}

/** The smallest float32 not below `u`. */
function roundUpToFloat32(u: number): number {
  const f = Math.fround(u);
  if (f >= u) return f;
  // u is in [0, 1) and positive here: the next float32 up has the next bit pattern.
  const bits = new Float32Array([f]);
  const word = new Uint32Array(bits.buffer);
  word[0] = word[0]! + 1;
  return bits[0]!;
}
