import type { Tensor } from '../tensor.js';
import { fromHost } from '../ops/dispatch.js';
import { movedim } from '../ops/dims.js';
import { matmul } from '../ops/matmul.js';
import { keep } from '../memory/scope.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { reshape, transpose } from '../ops/view.js';
import { quiet } from '../linalg/util.js';

/**
 * How every transform of the `fft` namespace runs: as matmuls with constant DFT matrices, one
 * per transformed dim, so that it runs on every backend as any other op does (no FFT kernels,
 * no complex dtype) and its gradient is the same composite with the matrices transposed.
 *
 * Complex values are real tensors with a trailing dim of 2 (real, imaginary): PyTorch's
 * `torch.view_as_real` layout. Along one dim, a transform is a real-linear map from the input's
 * values there (L reals, or L complex values as 2L interleaved reals) to the output's (m reals,
 * or m complex values as 2m reals): one real matrix W, [L * inC, m * outC]. The zero padding or
 * trimming to the transform's size n (PyTorch's `n`/`s`) and the normalization are folded into
 * W. The adjoint of that map is W^T (for a complex-linear map A, the real form of A^H), which is
 * what PyTorch's complex gradients are in this layout; so the backward of a whole transform is
 * its steps in reverse, each with W^T and the layouts swapped, written with public ops so that
 * double backward works. The cost is O(L * m) per output row, not O(n log n): a radix-2 fast
 * path is left for later.
 */

/** One dim of a transform: the complex dim it runs along and its matrix. */
export interface Step {
  /** The dim, counted among the complex (or real) dims, never the trailing 2. */
  readonly dim: number;
  /** [L * inC, m * outC]. */
  readonly W: Tensor;
  /** 1: the input along `dim` is real; 2: complex pairs. */
  readonly inC: 1 | 2;
  /** 1: the output along `dim` is real; 2: complex pairs. */
  readonly outC: 1 | 2;
}

/** cos and sin of 2 pi t / n, exact at the quarter turns (so the DC and Nyquist terms are). */
function cosSin(t: number, n: number): [number, number] {
  const r = t % n;
  if ((4 * r) % n === 0) {
    const q = (4 * r) / n;
    return [[1, 0, -1, 0][q]!, [0, 1, 0, -1][q]!];
  }
  const a = (2 * Math.PI * r) / n;
  return [Math.cos(a), Math.sin(a)];
}

/** The kinds of one-dim transform: complex to complex, real to complex, complex to real. */
export type StepKind = 'c2c' | 'r2c' | 'r2c-onesided' | 'c2r';

/**
 * The matrix of one dim: input length `L` along it, transform size `n`, exponent sign `sign`
 * (-1 forward, +1 inverse), every entry times `scale`. c2r takes the onesided half of a
 * Hermitian spectrum (n / 2 + 1 values) and adds each other term's mirror image (weight 2), as
 * PyTorch's irfft does; the imaginary parts of the DC and Nyquist terms get weight sin = 0.
 */
export function dftMatrix(kind: StepKind, L: number, n: number, sign: 1 | -1, scale: number, like: Tensor): Tensor {
  const used = Math.min(L, kind === 'c2r' ? Math.floor(n / 2) + 1 : n);
  const inC = kind === 'c2c' || kind === 'c2r' ? 2 : 1;
  const m = kind === 'r2c-onesided' ? Math.floor(n / 2) + 1 : n;
  const outC = kind === 'c2r' ? 1 : 2;
  const cols = m * outC;
  const v = new Float64Array(L * inC * cols);
  for (let j = 0; j < used; j++) {
    for (let k = 0; k < m; k++) {
      const [c, s0] = cosSin(j * k, n);
      const s = sign * s0;
      if (kind === 'c2r') {
        // Input j is a spectrum index here, output k a sample: Re((a + ib) e^{sign i theta}).
        const w = scale * (j === 0 || 2 * j === n ? 1 : 2);
        v[2 * j * cols + k] = w * c;
        v[(2 * j + 1) * cols + k] = -w * s;
        continue;
      }
      // (a + ib)(c + is) = (ac - bs) + i(as + bc).
      v[j * inC * cols + 2 * k] = scale * c;
      v[j * inC * cols + 2 * k + 1] = scale * s;
      if (inC === 2) {
        v[(2 * j + 1) * cols + 2 * k] = -scale * s;
        v[(2 * j + 1) * cols + 2 * k + 1] = scale * c;
      }
    }
  }
  // Kept from the caller's `tidy`: the graph node reads it in backward, perhaps after the scope.
  return keep(fromHost(like.backend, v, [L * inC, cols], like.dtype));
}

/** The output's length along the dim for a transform of size n. */
export const outLength = (kind: StepKind, n: number): number => (kind === 'r2c-onesided' ? Math.floor(n / 2) + 1 : n);

/** One step: the values along `dim` times W (the trailing pair, if any, flattened in). */
function applyStep(t: Tensor, dim: number, W: Tensor, inC: 1 | 2, outC: 1 | 2): Tensor {
  const moved = movedim(t, dim, inC === 2 ? -2 : -1);
  const flat = inC === 2 ? reshape(moved, [...moved.shape.slice(0, -2), moved.shape.at(-2)! * 2]) : moved;
  const y = matmul(flat, W);
  if (outC === 1) return movedim(y, -1, dim);
  return movedim(reshape(y, [...y.shape.slice(0, -1), y.shape.at(-1)! / 2, 2]), -2, dim);
}

/** The steps applied in order: the transform itself. */
export const runSteps = (x: Tensor, steps: readonly Step[]): Tensor =>
  steps.reduce((t, s) => applyStep(t, s.dim, s.W, s.inC, s.outC), x);

/** The adjoint: the steps in reverse, each with W^T and the layouts swapped. */
export const runAdjoint = (g: Tensor, steps: readonly Step[]): Tensor =>
  steps.reduceRight((t, s) => applyStep(t, s.dim, transpose(s.W, 0, 1), s.outC, s.inC), g);

/**
 * The transform as ONE graph node named `name` (PyTorch's grad_fn: FftR2CBackward0,
 * FftC2CBackward0, FftC2RBackward0), whatever its steps are. It saves no tensor (as PyTorch's
 * nodes): the matrices are constants, held by the backward's closure.
 */
export function transformOp(name: string, x: Tensor, steps: readonly Step[]): Tensor {
  return defineOp(
    name,
    [x],
    () => quiet(() => runSteps(x, steps)),
    NOTHING_SAVED,
    (g) => [runAdjoint(g, steps)],
    null,
  );
}
