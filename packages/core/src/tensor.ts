import type { Backend, View } from './backend/backend.js';
import type { DType, TypedArray } from './dtype.js';
import { isFloating } from './dtype.js';
import { isContiguous, numel } from './shape.js';
import type { TensorStorage } from './storage.js';
import type { Edge, Node } from './autograd/node.js';
import { AccumulateGrad } from './autograd/node.js';
import * as ops from './ops/index.js';
import type { NestedArray } from './read.js';
import * as read from './read.js';
import { backward, type BackwardOptions } from './autograd/backward.js';
import type { CreationOptions } from './ops/creation.js';

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

  /** @internal Tensors are made by ops and creation functions, never by `new`. */
  constructor(
    /** @internal */ readonly _store: TensorStorage,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
    readonly dtype: DType,
  ) {
    _store.hold();
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
    if (!this._requiresGrad) return [null, 0];
    this._accumulator ??= new AccumulateGrad(this);
    return [this._accumulator, 0];
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
  div(other: TensorLike): Tensor {
    return ops.div(this, other);
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
