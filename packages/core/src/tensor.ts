import type { Backend, View } from './backend/backend.js';
import { track } from './memory/scope.js';
import type { DType, TypedArray } from './dtype.js';
import { isFloating } from './dtype.js';
import { isContiguous, numel } from './shape.js';
import type { TensorStorage } from './storage.js';
import type { Edge, Node } from './autograd/node.js';
import { AccumulateGrad, NO_EDGE } from './autograd/node.js';
import * as ops from './ops/index.js';
import type { NestedArray } from './read.js';
import * as read from './read.js';
import { backward, type BackwardOptions } from './autograd/backward.js';
import type { CreationOptions } from './ops/creation.js';
import type { GradHook } from './autograd/node.js';
import { isInferenceModeEnabled } from './autograd/grad-mode.js';
import { inplace } from './autograd/inplace.js';

/** What ops accept wherever a tensor goes: a tensor, or a JavaScript number or boolean. */
export type TensorLike = Tensor | number | boolean;

let warnedNonLeafGrad = false;

/**
 * A tensor: a strided view of a backend storage, with PyTorch's autograd fields. Methods are
 * thin: each forwards to the op of the same name in `ops/`, which validates, broadcasts,
 * dispatches to the backend's kernel and records the graph.
 */
export class Tensor implements View {
  /** @internal The autograd node that made this tensor (null for leaves). */
  _gradFn: Node | null = null;
  /** @internal Which output of `_gradFn` this tensor is. */
  _outputNr = 0;
  /** @internal A leaf's requires-grad flag (non-leaves require grad through their node). */
  _requiresGrad = false;
  /** @internal */
  _grad: Tensor | null = null;
  private _accumulator: AccumulateGrad | null = null;
  private _retainsGrad = false;
  private _disposed = false;
  /** @internal Made inside `inferenceMode`: never recorded in a graph (see autograd/grad-mode). */
  _inference = false;

  /** @internal Tensors are made by ops and creation functions, never by `new`. */
  constructor(
    /** @internal */ readonly _store: TensorStorage,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
    readonly dtype: DType,
  ) {
    _store.hold();
    track(this);
    if (isInferenceModeEnabled()) this._inference = true;
  }

  // ---- layout -------------------------------------------------------------------------------

  /** The backend storage handle (for backends; users never need it). */
  get storage(): unknown {
    return this._store.handle;
  }
  get backend(): Backend {
    return this._store.backend;
  }
  get device(): string {
    return this._store.backend.name;
  }
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  get numel(): number {
    return numel(this.shape);
  }
  /** `size()` is the shape; `size(d)` one dimension, negative counting from the end. */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): readonly number[] | number {
    if (dim === undefined) return this.shape;
    return this.shape[ops.normalizeDim('size', dim, this.ndim)]!;
  }
  isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }
  isFloatingPoint(): boolean {
    return isFloating(this.dtype);
  }

  // ---- autograd -----------------------------------------------------------------------------

  get gradFn(): Node | null {
    return this._gradFn;
  }
  get isLeaf(): boolean {
    return this._gradFn === null;
  }
  get requiresGrad(): boolean {
    return this._requiresGrad || this._gradFn !== null;
  }
  set requiresGrad(value: boolean) {
    this.requiresGrad_(value);
  }
  /** Sets `requiresGrad` on a leaf, in place; returns the tensor. */
  requiresGrad_(value = true): this {
    if (!this.isLeaf) {
      throw new Error(
        `requiresGrad: you can only change requiresGrad of leaf tensors; this one was made by ${this._gradFn!.name}. ` +
          'To use a computed tensor where no gradient is needed, use `t.detach()`.',
      );
    }
    if (value && !isFloating(this.dtype)) {
      throw new Error(`requiresGrad: only tensors of floating point dtype can require gradients, got dtype ${this.dtype}`);
    }
    this._requiresGrad = value;
    return this;
  }
  get grad(): Tensor | null {
    if (!this.isLeaf && !this._retainsGrad && this._grad === null && !warnedNonLeafGrad) {
      warnedNonLeafGrad = true;
      console.warn(
        'The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute ' +
          "won't be populated during backward(). If you indeed want the .grad field to be populated for a " +
          'non-leaf Tensor, use .retainGrad() on the non-leaf Tensor. If you access the non-leaf Tensor by ' +
          'mistake, make sure you access the leaf Tensor instead.',
      );
    }
    return this._grad;
  }
  set grad(value: Tensor | null) {
    if (value !== null) ops.checkGradAssignable(this, value);
    this._grad = value;
  }
  /** Whether a non-leaf keeps its `.grad` (see {@link retainGrad}). */
  get retainsGrad(): boolean {
    return this._retainsGrad;
  }
  /** Makes a non-leaf tensor keep its `.grad` after backward, as leaves do. */
  retainGrad(): void {
    if (!this.requiresGrad) {
      throw new Error("retainGrad: can't retain the gradient of a tensor that does not require grad");
    }
    if (this.isLeaf || this._retainsGrad) return;
    this._retainsGrad = true;
    const node = this._gradFn!;
    (node.retained ??= new Map()).set(this._outputNr, this);
  }
  /**
   * Computes the gradient of this tensor with respect to the graph's leaves and accumulates it
   * into their `.grad`. `gradient` is required unless this tensor holds one element.
   */
  backward(gradient?: TensorLike | NestedArray | null, options: BackwardOptions = {}): void {
    backward(this, gradient ?? undefined, options);
  }
  /** @internal The edge through which gradients reach this tensor. */
  _edge(): Edge {
    if (this._gradFn !== null) return [this._gradFn, this._outputNr];
    const accumulator = this._edgeNode();
    return accumulator === null ? NO_EDGE : [accumulator, 0];
  }
  /**
   * @internal The node of {@link _edge} alone (its output number is `_outputNr`, 0 for a
   * leaf), without building the pair: what ops use to record their inputs.
   */
  _edgeNode(): Node | null {
    if (this._gradFn !== null) return this._gradFn;
    if (!this._requiresGrad) return null;
    return (this._accumulator ??= new AccumulateGrad(this));
  }
  /** A tensor sharing this one's values, outside the graph (requiresGrad false). */
  detach(): Tensor {
    return ops.detach(this);
  }
  /** PyTorch's `.data`: a detached tensor sharing the values. */
  get data(): Tensor {
    return ops.detach(this);
  }

  // ---- memory -------------------------------------------------------------------------------

  /** Releases this tensor's hold on its storage now (device memory is freed with the last hold). */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._store.release();
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  // ---- reading values -----------------------------------------------------------------------

  /** The values as nested arrays, like PyTorch's `tolist()`. */
  toArray(): Promise<NestedArray> {
    return read.toArray(this);
  }
  /** The synchronous twin of {@link toArray}, on backends that keep values in host memory. */
  toArraySync(): NestedArray {
    return read.toArraySync(this);
  }
  /** The single value of a one-element tensor (bools as 0 or 1). */
  item(): Promise<number> {
    return read.item(this);
  }
  itemSync(): number {
    return read.itemSync(this);
  }
  /** A row-major copy of the values in the dtype's typed array. */
  toTypedArray(): Promise<TypedArray> {
    return read.toTypedArray(this);
  }
  toTypedArraySync(): TypedArray {
    return read.toTypedArraySync(this);
  }
  /** PyTorch's printed form, on every device. */
  repr(): Promise<string> {
    return read.repr(this);
  }
  /** PyTorch's printed form where values are in host memory; a description elsewhere. */
  toString(): string {
    return read.reprSync(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- elementwise --------------------------------------------------------------------------

  add(other: TensorLike, options?: { alpha?: number }): Tensor {
    return ops.add(this, other, options);
  }
  sub(other: TensorLike, options?: { alpha?: number }): Tensor {
    return ops.sub(this, other, options);
  }
  mul(other: TensorLike): Tensor {
    return ops.mul(this, other);
  }
  /** True division; `{ roundingMode: 'trunc' | 'floor' }` rounds the quotient (ints stay int). */
  div(other: TensorLike, options?: ops.DivOptions): Tensor {
    return ops.div(this, other, options);
  }
  pow(exponent: TensorLike): Tensor {
    return ops.pow(this, exponent);
  }
  maximum(other: TensorLike): Tensor {
    return ops.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return ops.minimum(this, other);
  }
  neg(): Tensor {
    return ops.neg(this);
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  log(): Tensor {
    return ops.log(this);
  }
  abs(): Tensor {
    return ops.abs(this);
  }
  sign(): Tensor {
    return ops.sign(this);
  }
  sqrt(): Tensor {
    return ops.sqrt(this);
  }
  sin(): Tensor {
    return ops.sin(this);
  }
  cos(): Tensor {
    return ops.cos(this);
  }
  tanh(): Tensor {
    return ops.tanh(this);
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  floor(): Tensor {
    return ops.floor(this);
  }
  ceil(): Tensor {
    return ops.ceil(this);
  }
  eq(other: TensorLike): Tensor {
    return ops.eq(this, other);
  }
  ne(other: TensorLike): Tensor {
    return ops.ne(this, other);
  }
  lt(other: TensorLike): Tensor {
    return ops.lt(this, other);
  }
  le(other: TensorLike): Tensor {
    return ops.le(this, other);
  }
  gt(other: TensorLike): Tensor {
    return ops.gt(this, other);
  }
  ge(other: TensorLike): Tensor {
    return ops.ge(this, other);
  }
  logicalNot(): Tensor {
    return ops.logicalNot(this);
  }

  // ---- elementwise math, activations and binary ops (issue 3: ops/unary-math, binary-math,
  // activations) ------------------------------------------------------------------------------

  exp2(): Tensor {
    return ops.exp2(this);
  }
  expm1(): Tensor {
    return ops.expm1(this);
  }
  log2(): Tensor {
    return ops.log2(this);
  }
  log10(): Tensor {
    return ops.log10(this);
  }
  log1p(): Tensor {
    return ops.log1p(this);
  }
  tan(): Tensor {
    return ops.tan(this);
  }
  asin(): Tensor {
    return ops.asin(this);
  }
  acos(): Tensor {
    return ops.acos(this);
  }
  atan(): Tensor {
    return ops.atan(this);
  }
  sinh(): Tensor {
    return ops.sinh(this);
  }
  cosh(): Tensor {
    return ops.cosh(this);
  }
  asinh(): Tensor {
    return ops.asinh(this);
  }
  acosh(): Tensor {
    return ops.acosh(this);
  }
  atanh(): Tensor {
    return ops.atanh(this);
  }
  erf(): Tensor {
    return ops.erf(this);
  }
  round(): Tensor {
    return ops.round(this);
  }
  trunc(): Tensor {
    return ops.trunc(this);
  }
  frac(): Tensor {
    return ops.frac(this);
  }
  square(): Tensor {
    return ops.square(this);
  }
  reciprocal(): Tensor {
    return ops.reciprocal(this);
  }
  rsqrt(): Tensor {
    return ops.rsqrt(this);
  }
  logSigmoid(): Tensor {
    return ops.logSigmoid(this);
  }
  relu6(): Tensor {
    return ops.relu6(this);
  }
  selu(): Tensor {
    return ops.selu(this);
  }
  silu(): Tensor {
    return ops.silu(this);
  }
  mish(): Tensor {
    return ops.mish(this);
  }
  softsign(): Tensor {
    return ops.softsign(this);
  }
  hardsigmoid(): Tensor {
    return ops.hardsigmoid(this);
  }
  hardswish(): Tensor {
    return ops.hardswish(this);
  }
  /** min(max(x, min), max); either bound a tensor, a number, or null. */
  clamp(min?: ops.ClampBound, max?: ops.ClampBound): Tensor {
    return ops.clamp(this, min, max);
  }
  clampMin(min: TensorLike): Tensor {
    return ops.clampMin(this, min);
  }
  clampMax(max: TensorLike): Tensor {
    return ops.clampMax(this, max);
  }
  /** NaN, +Infinity and -Infinity replaced (defaults: 0 and the dtype's largest and smallest values). */
  nanToNum(options?: ops.NanToNumOptions): Tensor {
    return ops.nanToNum(this, options);
  }
  leakyRelu(negativeSlope = 0.01): Tensor {
    return ops.leakyRelu(this, negativeSlope);
  }
  elu(alpha = 1): Tensor {
    return ops.elu(this, alpha);
  }
  celu(alpha = 1): Tensor {
    return ops.celu(this, alpha);
  }
  gelu(approximate: ops.GeluApproximate | { approximate?: ops.GeluApproximate } = 'none'): Tensor {
    return ops.gelu(this, approximate);
  }
  softplus(beta = 1, threshold = 20): Tensor {
    return ops.softplus(this, beta, threshold);
  }
  hardtanh(minVal = -1, maxVal = 1): Tensor {
    return ops.hardtanh(this, minVal, maxVal);
  }
  softmax(dim: number): Tensor {
    return ops.softmax(this, dim);
  }
  logSoftmax(dim: number): Tensor {
    return ops.logSoftmax(this, dim);
  }
  atan2(other: TensorLike): Tensor {
    return ops.atan2(this, other);
  }
  /** Python's modulo: the result has the divisor's sign. */
  remainder(other: TensorLike): Tensor {
    return ops.remainder(this, other);
  }
  /** C's fmod: the result has the dividend's sign. */
  fmod(other: TensorLike): Tensor {
    return ops.fmod(this, other);
  }
  logicalAnd(other: TensorLike): Tensor {
    return ops.logicalAnd(this, other);
  }
  logicalOr(other: TensorLike): Tensor {
    return ops.logicalOr(this, other);
  }
  logicalXor(other: TensorLike): Tensor {
    return ops.logicalXor(this, other);
  }
  /** `this + weight * (end - this)`. */
  lerp(end: TensorLike, weight: TensorLike): Tensor {
    return ops.lerp(this, end, weight);
  }
  /** `this + value * t1 * t2`. */
  addcmul(t1: Tensor, t2: Tensor, options?: ops.AddcOptions): Tensor {
    return ops.addcmul(this, t1, t2, options);
  }
  /** `this + value * t1 / t2`. */
  addcdiv(t1: Tensor, t2: Tensor, options?: ops.AddcOptions): Tensor {
    return ops.addcdiv(this, t1, t2, options);
  }
  /** `condition ? this : other`, as torch.Tensor.where. */
  where(condition: Tensor, other: TensorLike): Tensor {
    return ops.where(condition, this, other);
  }
  // ---- end of elementwise math, activations and binary ops (issue 3) ------------------------

  // ---- reductions ---------------------------------------------------------------------------

  /** Sum of all elements, or over `dim` (a dim or a list), keeping reduced dims when `keepdim`. */
  sum(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.sum(this, dim, keepdim);
  }
  mean(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.mean(this, dim, keepdim);
  }

  // ---- linear algebra -----------------------------------------------------------------------

  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }
  // linalg: the fixed-rank products (ops/linalg.ts)
  mm(other: Tensor): Tensor {
    return ops.mm(this, other);
  }
  bmm(other: Tensor): Tensor {
    return ops.bmm(this, other);
  }
  mv(vec: Tensor): Tensor {
    return ops.mv(this, vec);
  }
  dot(other: Tensor): Tensor {
    return ops.dot(this, other);
  }
  outer(other: Tensor): Tensor {
    return ops.outer(this, other);
  }
  // end linalg

  // ---- shape --------------------------------------------------------------------------------

  reshape(...shape: readonly number[] | [readonly number[]]): Tensor {
    return ops.reshape(this, ops.shapeArgs(shape));
  }
  view(...shape: readonly number[] | [readonly number[]]): Tensor {
    return ops.view(this, ops.shapeArgs(shape));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  /** Transpose of a tensor of at most 2 dims. */
  t(): Tensor {
    return ops.t(this);
  }
  permute(...dims: readonly number[] | [readonly number[]]): Tensor {
    return ops.permute(this, ops.shapeArgs(dims));
  }
  expand(...shape: readonly number[] | [readonly number[]]): Tensor {
    return ops.expand(this, ops.shapeArgs(shape));
  }
  unsqueeze(dim: number): Tensor {
    return ops.unsqueeze(this, dim);
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return ops.squeeze(this, dim);
  }
  contiguous(): Tensor {
    return ops.contiguous(this);
  }

  // ---- reductions, shape and indexing (issue 3: ops/reduce-extra, reduce-stats, cumulative,
  // slicing, indexing, join, reshape-ops, pad, triangular) ------------------------------------

  /** Product of all elements, or along `dim`. */
  prod(dim?: number | null, keepdim = false): Tensor {
    return ops.prod(this, dim, keepdim);
  }
  /** The largest element; along `dim`, `{ values, indices }`; with a tensor, `maximum`. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): ops.MaxResult;
  max(other: Tensor): Tensor;
  max(dim?: number | Tensor, keepdim = false): Tensor | ops.MaxResult {
    if (dim === undefined) return ops.max(this);
    return typeof dim === 'number' ? ops.max(this, dim, keepdim) : ops.maximum(this, dim);
  }
  /** The smallest element; along `dim`, `{ values, indices }`; with a tensor, `minimum`. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): ops.MaxResult;
  min(other: Tensor): Tensor;
  min(dim?: number | Tensor, keepdim = false): Tensor | ops.MaxResult {
    if (dim === undefined) return ops.min(this);
    return typeof dim === 'number' ? ops.min(this, dim, keepdim) : ops.minimum(this, dim);
  }
  amax(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.amax(this, dim, keepdim);
  }
  amin(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.amin(this, dim, keepdim);
  }
  argmax(dim?: number | null, keepdim = false): Tensor {
    return ops.argmax(this, dim, keepdim);
  }
  argmin(dim?: number | null, keepdim = false): Tensor {
    return ops.argmin(this, dim, keepdim);
  }
  /** Variance with `correction` (default 1), over all elements or `dim`. */
  var(dim?: number | readonly number[] | null, options?: ops.VarOptions): Tensor {
    return ops.variance(this, dim, options);
  }
  std(dim?: number | readonly number[] | null, options?: ops.VarOptions): Tensor {
    return ops.std(this, dim, options);
  }
  logsumexp(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.logsumexp(this, dim, keepdim);
  }
  norm(p = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.norm(this, p, dim, keepdim);
  }
  cumsum(dim: number): Tensor {
    return ops.cumsum(this, dim);
  }
  cumprod(dim: number): Tensor {
    return ops.cumprod(this, dim);
  }
  all(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.all(this, dim, keepdim);
  }
  any(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.any(this, dim, keepdim);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return ops.flatten(this, startDim, endDim);
  }
  unflatten(dim: number, sizes: readonly number[]): Tensor {
    return ops.unflatten(this, dim, sizes);
  }
  expandAs(other: Tensor): Tensor {
    return ops.expandAs(this, other);
  }
  broadcastTo(shape: readonly number[]): Tensor {
    return ops.broadcastTo(this, shape);
  }
  repeat(...sizes: readonly number[] | [readonly number[]]): Tensor {
    return ops.repeat(this, ops.shapeArgs(sizes));
  }
  tile(...dims: readonly number[] | [readonly number[]]): Tensor {
    return ops.tile(this, ops.shapeArgs(dims));
  }
  flip(...dims: readonly number[] | [readonly number[]]): Tensor {
    return ops.flip(this, ops.shapeArgs(dims));
  }
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
    return ops.roll(this, shifts, dims);
  }
  /** A view of `length` entries of `dim` from `start`. */
  narrow(dim: number, start: number, length: number): Tensor {
    return ops.narrow(this, dim, start, length);
  }
  /** A view `x[start:end:step]` along `dim` (Python's rules; step > 0). */
  slice(dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
    return ops.slice(this, dim, start, end, step);
  }
  /** A view of entry `index` of `dim`, without that dim. */
  select(dim: number, index: number): Tensor {
    return ops.select(this, dim, index);
  }
  /** PyTorch's `x[1, 1:3, ::2, None, ...]` as `x.index(1, '1:3', '::2', null, '...')`: a view. */
  index(...specs: readonly ops.IndexSpec[]): Tensor {
    return ops.index(this, ...specs);
  }
  /** PyTorch's `x[1, 1:3, ::2, None, ...]` as `x.get('1, 1:3, ::2, None, ...')`: a view. */
  get(expr: string): Tensor {
    return ops.get(this, expr);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return ops.indexSelect(this, dim, index);
  }
  gather(dim: number, index: Tensor): Tensor {
    return ops.gather(this, dim, index);
  }
  scatter(dim: number, index: Tensor, src: TensorLike): Tensor {
    return ops.scatter(this, dim, index, src);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return ops.scatterAdd(this, dim, index, src);
  }
  maskedFill(mask: Tensor, value: TensorLike): Tensor {
    return ops.maskedFill(this, mask, value);
  }
  split(splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
    return ops.split(this, splitSizeOrSections, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return ops.chunk(this, chunks, dim);
  }
  tril(diagonal = 0): Tensor {
    return ops.tril(this, diagonal);
  }
  triu(diagonal = 0): Tensor {
    return ops.triu(this, diagonal);
  }
  // ---- end of reductions, shape and indexing (issue 3) ----------------------------------------

  // ---- hooks, inference tensors and in-place ops (issue 3: autograd; see autograd/inplace.ts) ---

  /**
   * Registers `fn(grad)` to run on the gradient flowing into this tensor during backward (for a
   * leaf: before it accumulates into `.grad`); a tensor it returns replaces the gradient.
   * Hooks run in registration order, before `retainGrad` stores the gradient.
   */
  registerHook(fn: GradHook): { remove(): void } {
    if (!this.requiresGrad) throw new Error("registerHook: cannot register a hook on a tensor that doesn't require gradient");
    const [node, outputNr] = this._edge();
    const hook = { outputNr, fn };
    (node!.hooks ??= []).push(hook);
    return {
      remove: () => {
        const hooks = node!.hooks;
        const i = hooks === null ? -1 : hooks.indexOf(hook);
        if (i >= 0) hooks!.splice(i, 1);
      },
    };
  }
  /** Whether this tensor was made inside `inferenceMode`. */
  isInference(): boolean {
    return this._inference;
  }
  add_(other: TensorLike, options?: { alpha?: number }): this {
    return inplace(this, 'add_', (s) => ops.add(s, other, options)) as this;
  }
  sub_(other: TensorLike, options?: { alpha?: number }): this {
    return inplace(this, 'sub_', (s) => ops.sub(s, other, options)) as this;
  }
  mul_(other: TensorLike): this {
    return inplace(this, 'mul_', (s) => ops.mul(s, other)) as this;
  }
  div_(other: TensorLike, options?: ops.DivOptions): this {
    return inplace(this, 'div_', (s) => ops.div(s, other, options)) as this;
  }
  pow_(exponent: TensorLike): this {
    return inplace(this, 'pow_', (s) => ops.pow(s, exponent)) as this;
  }
  neg_(): this {
    return inplace(this, 'neg_', (s) => ops.neg(s)) as this;
  }
  exp_(): this {
    return inplace(this, 'exp_', (s) => ops.exp(s)) as this;
  }
  log_(): this {
    return inplace(this, 'log_', (s) => ops.log(s)) as this;
  }
  sqrt_(): this {
    return inplace(this, 'sqrt_', (s) => ops.sqrt(s)) as this;
  }
  abs_(): this {
    return inplace(this, 'abs_', (s) => ops.abs(s)) as this;
  }
  relu_(): this {
    return inplace(this, 'relu_', (s) => ops.relu(s)) as this;
  }
  sigmoid_(): this {
    return inplace(this, 'sigmoid_', (s) => ops.sigmoid(s)) as this;
  }
  tanh_(): this {
    return inplace(this, 'tanh_', (s) => ops.tanh(s)) as this;
  }
  clamp_(min?: ops.ClampBound, max?: ops.ClampBound): this {
    return inplace(this, 'clamp_', (s) => ops.clamp(s, min, max)) as this;
  }
  maskedFill_(mask: Tensor, value: TensorLike): this {
    return inplace(this, 'maskedFill_', (s) => ops.maskedFill(s, mask, value)) as this;
  }
  /** Fills with `value`; the gradient stops here (the tensor no longer depends on its history). */
  fill_(value: number | boolean): this {
    return inplace(this, 'fill_', (s) => ops.fullLike(s, value)) as this;
  }
  zero_(): this {
    return this.fill_(0);
  }
  /** Copies `src` (broadcast to this shape, converted to this dtype) into this tensor. */
  copy_(src: Tensor): this {
    return inplace(this, 'copy_', (s) => {
      const v = ops.expand(ops.to(src, { dtype: s.dtype, device: s.device }), s.shape);
      return v.requiresGrad ? ops.clone(v) : v;
    }) as this;
  }
  /** Fills with uniform samples in [from, to), from the generator seeded by `manualSeed`. */
  uniform_(from = 0, to = 1): this {
    return inplace(this, 'uniform_', (s) => ops.rand(s.shape, { dtype: s.dtype, device: s.device }).mul(to - from).add(from)) as this;
  }
  /** Fills with normal samples of the given mean and std, from the generator seeded by `manualSeed`. */
  normal_(mean = 0, std = 1): this {
    return inplace(this, 'normal_', (s) => ops.randn(s.shape, { dtype: s.dtype, device: s.device }).mul(std).add(mean)) as this;
  }
  // ---- end of hooks, inference tensors and in-place ops (issue 3) ------------------------------

  // ---- copies and conversions ---------------------------------------------------------------

  clone(): Tensor {
    return ops.clone(this);
  }
  /** A copy on another device, or of another dtype (differentiable); `this` when nothing changes. */
  to(target: string | { device?: string; dtype?: DType }): Tensor {
    return ops.to(this, target);
  }
  float(): Tensor {
    return ops.to(this, 'float32');
  }
  double(): Tensor {
    return ops.to(this, 'float64');
  }
  int(): Tensor {
    return ops.to(this, 'int32');
  }
  bool(): Tensor {
    return ops.to(this, 'bool');
  }
}

export type { CreationOptions };
