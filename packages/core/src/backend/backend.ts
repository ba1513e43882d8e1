import type { DType, TypedArray } from '../dtype.js';
import type { ArgReduceOp, BinaryOp, CompareOp, ReduceOp, ScanOp, ScatterMode, UnaryOp } from './primitives.js';

/**
 * The Backend interface: where tensors live and how their values are computed.
 *
 * A backend owns storage (opaque handles of type `S`: a typed array on the CPU, a GPU buffer on
 * WebGPU) and implements a small table of primitive kernels over it. Core does everything else:
 * validation, type promotion, broadcasting (inputs arrive already expanded to a common shape,
 * through stride-0 views), views (reshape, transpose, expand change only shape, strides and
 * offset), autograd (every gradient is written with public ops), and printing.
 *
 * Kernels read their inputs through {@link View}s, which may be strided, offset, or broadcast
 * (stride 0), and always return a fresh contiguous row-major storage of the output's dtype.
 * They never read values back to the host and never mutate their inputs.
 */
export interface Backend<S = unknown> {
  /** The device name tensors report (`t.device`), such as 'cpu' or 'webgpu'. */
  readonly name: string;
  /** The dtypes this backend stores; core refuses the others with a clear error. */
  readonly dtypes: readonly DType[];

  /** Copies host values (already of `dtype`'s typed array) into new storage. */
  upload(data: TypedArray, dtype: DType): S;
  /** Reads `size` elements of storage back to host memory, as a fresh typed array of `dtype`. */
  read(storage: S, dtype: DType, size: number): Promise<TypedArray>;
  /**
   * The synchronous twin of {@link read}, only on backends that keep values in host memory.
   * Core's synchronous accessors (`toArraySync`, `toString`) exist only where this does.
   */
  readSync?(storage: S, dtype: DType, size: number): TypedArray;
  /**
   * On backends without {@link readSync}: checks on the device that the int32 values of `index`
   * lie in [0, size) (or equal `ignore`), without reading them back, and makes the next read
   * throw `describe(v)` for a bad value `v` found, as CUDA reports a device-side assert at the
   * next synchronization, as an instance of `Kind` when given (an IndexError otherwise). Without
   * it, indices there go unchecked.
   */
  checkIndices?(
    index: View<S>,
    size: number,
    ignore: number | null,
    describe: (value: number) => string,
    Kind?: new (message: string) => Error,
  ): void;
  /**
   * Releases storage; core calls it once, when no tensor refers to the storage any more
   * (`dispose()`, or garbage collection as a backstop). Backends whose storage the JavaScript
   * garbage collector reclaims by itself (the CPU's typed arrays) leave it out.
   */
  free?(storage: S): void;
  /**
   * Storages of fewer elements than this are not given to {@link free} when the garbage
   * collector reclaims them, only when disposed. Arranging a `free` at collection (a
   * FinalizationRegistry entry) costs about a microsecond per storage, more than a whole scalar
   * op; a backend whose small storages the collector reclaims well enough by itself (the CPU's
   * typed arrays, when its pool keeps only large ones) sets this. Default 0: every storage.
   */
  readonly freeOnCollectFrom?: number;
  /**
   * What the backend can say of its own memory, as named counts (buffers, bytes, pooled arrays,
   * pipelines), for `memory()`. Called only when a user asks: it may walk its pools.
   */
  memory?(): object;

  /** The primitive kernels. */
  readonly kernels: Kernels<S>;
}

/** A strided window on a storage: what kernels read. */
export interface View<S = unknown> {
  readonly storage: S;
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Elements to step in storage per step along each dim; 0 for a broadcast dim. */
  readonly strides: readonly number[];
  /** Index of element [0, 0, ...] in storage. */
  readonly offset: number;
}

/**
 * The primitive kernels. Each returns new contiguous storage holding `numel(output shape)`
 * elements of `out` dtype. Inputs are converted to `out` as they are read (PyTorch computes in
 * the promoted dtype); integer results wrap like int32, bool results are 0 or 1.
 */
export interface Kernels<S = unknown> {
  /** A filled storage of `size` elements. */
  fill(size: number, value: number, out: DType): S;
  /** A contiguous copy of `x`, cast to `out`: the strided gather behind `contiguous` and casts. */
  copy(x: View<S>, out: DType): S;
  /** `op(x)` elementwise. */
  unary(op: UnaryOp, x: View<S>, out: DType): S;
  /** `op(a, b)` elementwise; `a` and `b` have the same shape. Division by zero follows IEEE. */
  binary(op: BinaryOp, a: View<S>, b: View<S>, out: DType): S;
  /** `op(a, b)` elementwise into bool; `a` and `b` have the same shape and are compared in `cmp` dtype. */
  compare(op: CompareOp, a: View<S>, b: View<S>, cmp: DType): S;
  /** `cond ? a : b` elementwise; all three have the same shape, `cond` is bool. */
  where(cond: View<S>, a: View<S>, b: View<S>, out: DType): S;
  /**
   * Reduces `x` over `axes` (sorted, distinct, within range). The output has `x`'s shape with
   * those axes set to 1 (keepdim), contiguous. `max`/`min` propagate NaN; a reduction over zero
   * elements gives the op's identity (0 for sum, 1 for prod; core refuses empty max/min).
   */
  reduce(op: ReduceOp, x: View<S>, axes: readonly number[], out: DType): S;
  /**
   * Batched matrix product: `a` is [...batch, M, K], `b` is [...batch, K, N] with the same batch
   * shape (core has broadcast it); the output is [...batch, M, N], contiguous.
   */
  matmul(a: View<S>, b: View<S>, out: DType): S;
  /**
   * Index (int32) of the largest (`argmax`) or smallest element along `axis`; the output has
   * `x`'s shape with that axis set to 1. The first occurrence wins ties; NaN counts as the
   * largest and the smallest (PyTorch). Core refuses an empty axis.
   */
  argReduce(op: ArgReduceOp, x: View<S>, axis: number): S;
  /**
   * Stable sort of every line of `x` along `axis`, ascending or `descending`: the values (`x`'s
   * dtype) and their int32 positions along the axis, both contiguous of `x`'s shape. Equal
   * values keep their order; NaN counts as the largest value (last ascending, first descending),
   * as PyTorch sorts. The one kernel behind sort, topk, median, quantile, unique and searchsorted.
   */
  sort(x: View<S>, axis: number, descending: boolean): readonly [values: S, indices: S];
  /** Inclusive scan along `axis` (cumsum, cumprod), computed in `out` dtype; output has `x`'s shape. */
  scan(op: ScanOp, x: View<S>, axis: number, out: DType): S;
  /**
   * torch.gather: the output has `index`'s shape; along `axis` it reads `x` at the int32 index
   * values, elsewhere at the same position: out[i][j] = x[i][index[i][j]] for axis 1. Core has
   * checked every index is in range and the other dims of `index` are at most `x`'s.
   */
  gather(x: View<S>, axis: number, index: View<S>, out: DType): S;
  /**
   * torch.scatter / scatter_add, out of place: a copy of `x` (contiguous, `out` dtype) where,
   * for every position p of `index` (and of `src`, which has index's shape or larger), the
   * element at p with its `axis` coordinate replaced by index[p] is set to (`assign`) or
   * increased by (`add`) src[p]. Core has checked the indices. With `assign` and repeated
   * indices, which value wins is unspecified, as in PyTorch.
   */
  scatter(x: View<S>, axis: number, index: View<S>, src: View<S>, mode: ScatterMode, out: DType): S;
  /**
   * The gradient of any view: a fresh storage of `size` zeros (of `out` dtype) to which `src` is
   * added at the strided layout (`src.shape`, `strides`, `offset`) of a view into it. Where the
   * layout visits an element more than once (overlapping windows, expanded dims) the values
   * accumulate.
   */
  scatterView(src: View<S>, size: number, strides: readonly number[], offset: number, out: DType): S;
  /**
   * In-place write, for in-place ops (`add_`, `copy_`, `t.narrow(...).fill_`): `src` (of `dst`'s
   * shape, converted to `dst`'s dtype) is written into `dst.storage` at `dst`'s strided layout.
   * The one kernel that mutates storage; core bumps the storage's version counter around it.
   */
  assign(dst: View<S>, src: View<S>): void;
  /**
   * Optional fused convolution, forward only: `x` [N, C, ...S] (1 to 3 spatial dims) by `w`
   * [O, C, ...k] with stride 1 and one group, zeros `padding` ([before, after] per spatial dim)
   * around the input, `dilation` per dim, plus `bias` [O] when given; the output
   * [N, O, ...out] contiguous in `out`, the dtype of all three. Undefined where the backend has no
   * fast path for these operands: core then computes it as columns times the weight.
   */
  conv?(
    x: View<S>,
    w: View<S>,
    bias: View<S> | null,
    padding: readonly (readonly [number, number])[],
    dilation: readonly number[],
    out: DType,
  ): S | undefined;
  /**
   * Optional, fused layer normalisation, in `x`'s dtype (float32 or float64 only; weight and
   * bias, [cols] or null, of the same dtype): `x`'s elements in row-major order, taken as rows of
   * `cols`, each normalised by its mean and biased variance, then times `weight`, plus `bias`.
   * Where a backend leaves it out, core composes the same from the primitives above.
   */
  layerNorm?(x: View<S>, weight: View<S> | null, bias: View<S> | null, cols: number, eps: number): S;
  /**
   * Optional, {@link layerNorm}'s gradients from `g` (of `x`'s shape), the statistics recomputed
   * from `x`: d x (`x`'s shape), and over the rows the sums of `g * xhat` (the weight's gradient)
   * and of `g` (the bias's), [cols] each.
   */
  layerNormBackward?(g: View<S>, x: View<S>, weight: View<S> | null, cols: number, eps: number): readonly [S, S, S];
  /**
   * Optional, one Adam or AdamW step of a parameter (torch.optim.Adam's arithmetic, without
   * AMSGrad), out of place, every operand of the parameter's dtype (float32 or float64) and
   * shape: the new parameter, first moment and second moment, from the gradient and the moments
   * before (null at the first step, as zeros). Core composes the same from primitives without it.
   */
  adam?(p: View<S>, grad: View<S>, m: View<S> | null, v: View<S> | null, h: AdamStep): readonly [S, S, S];
  /**
   * Optional, fused: softmax (or, with `log`, logSoftmax) of `x` along `axis`, contiguous of `x`'s
   * shape in `out` (`x`'s dtype, float32 or float64; a 0-d `x` is one line of one element). Each
   * line is shifted by its max before the exponentials, as the composition core falls back to
   * without it (max, sub, exp, sum, div): a NaN makes its line NaN, and so does a line whose max
   * is infinite. A backend gains by it where one pass over each line beats five kernels.
   */
  softmax?(x: View<S>, axis: number, log: boolean, out: DType): S;
  /**
   * Optional, fused: relu's input gradient, `g` where `y` (relu's output) is above 0, else 0 (NaN
   * in `y` gives 0), contiguous of their common shape in `out` (their dtype, float32 or float64).
   * Core falls back to where(y > 0, g, 0), two kernels and a bool mask.
   */
  reluBackward?(g: View<S>, y: View<S>, out: DType): S;
  /**
   * Optional, fused: softmax's input gradient along `axis` from the output gradient `g` and the
   * saved output `y`, y * (g - sum(g * y)); with `log`, logSoftmax's, g - exp(y) * sum(g). `g` and
   * `y` share a shape (at least 1-d) and the dtype `out`; the result is contiguous. Core falls
   * back to the composition (three or four kernels).
   */
  softmaxBackward?(g: View<S>, y: View<S>, axis: number, log: boolean, out: DType): S;
}

/** The hyperparameters of one {@link Kernels.adam} step; `step` counts from 1. */
export interface AdamStep {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** AdamW's decay of the parameter, rather than Adam's addition to the gradient. */
  readonly decoupled: boolean;
  readonly maximize: boolean;
  readonly step: number;
}
