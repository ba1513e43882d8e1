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
import { ShapeMethods } from './tensor-shape.js';
import { TENSOR_BRAND } from './tensor-brand.js';

/** What ops accept wherever a tensor goes: a tensor, or a JavaScript number or boolean. */
export type TensorLike = Tensor | number | boolean;

let warnedNonLeafGrad = false;

/**
 * A tensor: a strided view of a backend storage, with PyTorch's autograd fields. Methods are
 * thin: each forwards to the op of the same name in `ops/`, which validates, broadcasts,
 * dispatches to the backend's kernel and records the graph. This file holds the state, autograd,
 * memory, reading, in-place ops and conversions; the op methods are inherited from
 * tensor-shape.ts and tensor-elementwise.ts.
 */
export class Tensor extends ShapeMethods implements View {
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
  /** @internal The brand that `isTensor` checks, on the prototype (see tensor-brand.ts). */
  get [TENSOR_BRAND](): true { return true; }

  /** @internal Tensors are made by ops and creation functions, never by `new`. */
  constructor(
    /** @internal */ readonly _store: TensorStorage,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
    readonly dtype: DType,
  ) {
    super();
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
  override toString(): string {
    return read.reprSync(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- hooks, inference tensors and in-place ops (see autograd/inplace.ts) -------------------

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
    return inplace(this, 'copy_', (s) => ops.copyFrom(src, s)) as this;
  }
  /** Fills with uniform samples in [from, to), from the generator seeded by `manualSeed`. */
  uniform_(from = 0, to = 1): this {
    return inplace(this, 'uniform_', (s) => ops.rand(s.shape, { dtype: s.dtype, device: s.device }).mul(to - from).add(from)) as this;
  }
  /** Fills with normal samples of the given mean and std, from the generator seeded by `manualSeed`. */
  normal_(mean = 0, std = 1): this {
    return inplace(this, 'normal_', (s) => ops.randn(s.shape, { dtype: s.dtype, device: s.device }).mul(std).add(mean)) as this;
  }

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
