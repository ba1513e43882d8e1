import type { Backend, View } from './backend/backend.js';
import { track } from './memory/scope.js';
import { isFloating, type DType, type TypedArray } from './dtype.js';
import { isContiguous, normalizeDim, numel } from './shape.js';
import type { TensorStorage } from './storage.js';
import { AccumulateGrad, NO_EDGE, type Edge, type GradHook, type HookHandle, type Node } from './autograd/node.js';
import * as hooks from './autograd/tensor-hooks.js';
import { checkGradAssignable, detach } from './ops/convert.js';
import type { NestedArray } from './read.js';
import * as read from './read.js';
import { backward, backwardAsync, type BackwardOptions } from './autograd/backward.js';
import { isInferenceModeEnabled } from './autograd/grad-mode.js';
import { refreshViewGradFn, type ViewCreation } from './autograd/view-history.js';
import {
  installTensorMethods,
  type ActivationMethods,
  type AttributeMethods,
  type BlasMethods,
  type ComparisonMethods,
  type ConversionMethods,
  type InPlaceOpMethods,
  type AdvancedIndexingMethods,
  type IndexingMethods,
  type OtherMethods,
  type PointwiseMethods,
  type RandomMethods,
  type ReductionMethods,
  type SortingMethods,
} from './tensor-methods/index.js';
import { TENSOR_BRAND } from './tensor-brand.js';
import { checkTensorMethods } from './checks/methods.js';
import { AutogradError, DTypeError, ValueError } from './errors.js';

/** What ops accept wherever a tensor goes: a tensor, or a JavaScript number or boolean. */
export type TensorLike = Tensor | number | boolean;

let warnedNonLeafGrad = false;

/**
 * A tensor: a strided view of a backend storage, with PyTorch's autograd fields. This class holds
 * the state, autograd, memory and reading; the op methods (`x.add(y)`, `x.sum()`, ...) forward to
 * the op of the same name in `ops/`, which validates, broadcasts, dispatches to the backend's
 * kernel and records the graph. They are grouped as PyTorch's docs group ops, one file each in
 * tensor-methods/, their types derived from the ops' (see the `interface Tensor` below).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- `interface Tensor` below declares the methods installed on the prototype
export class Tensor implements View {
  /** @internal The storage this tensor views, shared with its views (holds the device memory). */
  readonly _store: TensorStorage;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  /** @internal The autograd node that made this tensor (null for leaves); read through `_gradFn`. */
  _fn: Node | null = null;
  /** @internal Which output of `_gradFn` this tensor is. */
  _outputNr = 0;
  /** @internal A leaf's requires-grad flag (non-leaves require grad through their node). */
  _requiresGrad = false;
  /** @internal */
  _grad: Tensor | null = null;
  /**
   * @internal The node through which gradients reach this leaf, made when first needed (shared
   * with an unpacked saved tensor that stands for this leaf: autograd/saved-hooks.ts).
   */
  _accumulator: AccumulateGrad | null = null;
  /** @internal */
  private _retainsGrad = false;
  /** @internal */
  private _disposed = false;
  /** @internal Made inside `inferenceMode`: never recorded in a graph (see autograd/grad-mode). */
  _inference = false;
  /**
   * @internal For a view made by a view op: the tensor it views, never itself such a view
   * (PyTorch's `_base`); null otherwise. See autograd/view-history.ts.
   */
  _base: Tensor | null = null;
  /** @internal The grad mode a view was made in ('noGrad' views may not be written with grad on). */
  _viewCreation: ViewCreation = 'default';
  /** @internal The version of the storage when this view's `_fn` was last set. */
  _viewVersion = 0;
  /** @internal The backward run that may dispose this gradient once used (autograd/owned-grads.ts). */
  _owner: object | null = null;
  /** @internal How many of that run's gradient slots hold it. */
  _slots = 0;
  /** @internal The brand that `isTensor` checks, on the prototype (see tensor-brand.ts). */
  get [TENSOR_BRAND](): true {
    return true;
  }

  /** Tensors are made by ops and creation functions (and subclasses such as `nn.Parameter`). */
  constructor(
    store: TensorStorage,
    shape: readonly number[],
    strides: readonly number[],
    offset: number,
    dtype: DType,
  ) {
    this._store = store;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.dtype = dtype;
    store.hold();
    track(this);
    if (isInferenceModeEnabled()) this._inference = true;
  }

  // ---- layout -------------------------------------------------------------------------------
  /**
   * The backend storage handle (for backends; users never need it). Every kernel reads its
   * inputs through here, so this is where a disposed tensor is refused, on every device: the
   * CPU's memory would still hold the values, and computing with them would hide the bug.
   */
  get storage(): unknown {
    if (this._disposed) {
      throw new ValueError(
        `Tensor of shape [${this.shape.join(', ')}] was disposed (t.dispose()) and cannot be used by an op any more`,
      );
    }
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
  /** The number of elements (PyTorch's `numel()`, a method there as here). */
  numel(): number {
    return numel(this.shape);
  }
  /** `size()` is the shape; `size(d)` one dimension, negative counting from the end. */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): readonly number[] | number {
    if (dim === undefined) return this.shape;
    return this.shape[normalizeDim('size', dim, this.ndim)]!;
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
  /**
   * @internal The node that made this tensor. A view whose storage was written in place since
   * its node was set gets a new one first (AsStridedBackward0 from its base's current history),
   * as PyTorch regenerates a view's grad_fn.
   */
  get _gradFn(): Node | null {
    if (this._base !== null && this._viewVersion !== this._store.version) return refreshViewGradFn(this);
    return this._fn;
  }
  /** @internal */
  set _gradFn(fn: Node | null) {
    this._fn = fn;
  }
  /** PyTorch's `_version`: how many in-place writes this tensor's storage (shared with its views) has had. */
  get version(): number {
    return this._store.version;
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
      throw new AutogradError(
        `requiresGrad: you can only change requiresGrad of leaf tensors; this one was made by ${this._gradFn!.name}. ` +
          'To use a computed tensor where no gradient is needed, use `t.detach()`.',
      );
    }
    if (value && !isFloating(this.dtype)) {
      throw new DTypeError(
        `requiresGrad: only tensors of floating point dtype can require gradients, got dtype ${this.dtype}`,
      );
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
    if (value !== null) checkGradAssignable(this, value);
    this._grad = value;
  }
  /** Whether a non-leaf keeps its `.grad` (see {@link retainGrad}). */
  get retainsGrad(): boolean {
    return this._retainsGrad;
  }
  /** Makes a non-leaf tensor keep its `.grad` after backward, as leaves do. */
  retainGrad(): void {
    if (!this.requiresGrad) {
      throw new AutogradError("retainGrad: can't retain the gradient of a tensor that does not require grad");
    }
    if (this.isLeaf || this._retainsGrad) return;
    this._retainsGrad = true;
    const node = this._gradFn!;
    (node.retained ??= new Map()).set(this._outputNr, this);
  }
  /**
   * Computes the gradient of this tensor with respect to the graph's leaves and accumulates it
   * into their `.grad`. `gradient` is required unless this tensor holds one element.
   *
   * @example
   * ```ts example
   * import { tensor } from '@ag/core';
   *
   * // y = x0^2 + x1^2 = 13; its gradient is 2x
   * const x = tensor([2, 3], { requiresGrad: true });
   * const y = x.mul(x).sum();
   * console.log(y);
   * y.backward();
   * console.log(x.grad);
   * ```
   *
   * ```text
   * tensor(13., grad_fn=<SumBackward0>)
   * tensor([4., 6.])
   * ```
   */
  backward(gradient?: TensorLike | NestedArray | null, options: BackwardOptions = {}): void {
    backward(this, gradient ?? undefined, options);
  }
  /**
   * {@link backward}, awaited: needed where the graph copies a gradient back from a device whose
   * values are read only asynchronously (a CPU leaf used on WebGPU, whose gradient PyTorch's
   * `backward()` copies back blocking); a plain `backward()` there says so.
   */
  backwardAsync(gradient?: TensorLike | NestedArray | null, options: BackwardOptions = {}): Promise<void> {
    return backwardAsync(this, gradient ?? undefined, options);
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
  /** PyTorch's `.data`: a detached tensor sharing the values. */
  get data(): Tensor {
    return detach(this);
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
  /**
   * PyTorch's `tolist()`: the values as nested arrays (a number for a 0-dim tensor), awaited.
   *
   * @example
   * ```ts example
   * import { tensor } from '@ag/core';
   *
   * console.log(await tensor([[1, 2], [3, 4]]).tolist());
   * ```
   *
   * ```text
   * [ [ 1, 2 ], [ 3, 4 ] ]
   * ```
   */
  tolist(): Promise<NestedArray> {
    return read.toArray(this);
  }
  /**
   * The single value of a one-element tensor (bools as 0 or 1).
   *
   * @example
   * ```ts example
   * import { tensor } from '@ag/core';
   *
   * console.log(await tensor([[1, 2], [3, 4]]).sum().item());
   * ```
   *
   * ```text
   * 10
   * ```
   */
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

  // ---- hooks and inference tensors ----------------------------------------------------------
  /**
   * Registers `fn(grad)` to run, in registration order, on the gradient flowing into this tensor in
   * backward (a leaf's before it accumulates, anyone's before `retainGrad`); a tensor returned replaces it.
   */
  registerHook(fn: GradHook): HookHandle {
    return hooks.registerHook(this, fn);
  }
  /**
   * Registers `fn(tensor)` to run on this leaf once backward has accumulated its `.grad`
   * (register_post_accumulate_grad_hook): an optimizer can step a parameter there, gradient ready.
   */
  registerPostAccumulateGradHook(fn: (tensor: Tensor) => void): HookHandle {
    return hooks.registerPostAccumulateGradHook(this, fn);
  }
  /** Whether this tensor was made inside `inferenceMode`. */
  isInference(): boolean {
    return this._inference;
  }
}

/** The op methods, one interface per group of PyTorch's docs (tensor-methods/), installed below. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface Tensor
  extends
    PointwiseMethods,
    ComparisonMethods,
    ReductionMethods,
    SortingMethods,
    BlasMethods,
    IndexingMethods,
    AdvancedIndexingMethods,
    OtherMethods,
    ActivationMethods,
    ConversionMethods,
    InPlaceOpMethods,
    RandomMethods,
    AttributeMethods {}

installTensorMethods(Tensor.prototype);
checkTensorMethods(Tensor.prototype);
