/**
 * The errors ag throws, one class per kind of mistake, so that a caller can catch the kind it
 * can handle (`catch (e) { if (e instanceof ShapeError) ... }`) and let the rest through. Every
 * message starts with the op's name, then says what it got and what it expected. Nothing is
 * written before an op has checked its input, so after any of these every tensor holds what it
 * held before and the backend takes the next op as usual.
 *
 * PyTorch raises RuntimeError for most of these; the kinds here follow the words its messages
 * use (shape, dtype, device, index) and Python's own ValueError and IndexError, so that a PyTorch
 * user finds the one they would have caught.
 */

/** What went wrong, as `error.kind` names it. */
export type ErrorKind =
  'argument' | 'shape' | 'dtype' | 'device' | 'index' | 'value' | 'autograd' | 'memory' | 'format';

const AG_ERROR = Symbol.for('@ag/core.error');

/**
 * The base of every error ag throws: `e instanceof AgError` is true for all of them, including
 * {@link ArgumentError}, which extends the built-in TypeError instead.
 */
export class AgError extends Error {
  // Names are written out: a minifier renames classes, and `name` is what a printed error shows.
  override name = 'AgError';
  readonly kind: ErrorKind = 'value';

  /** ArgumentError extends TypeError, not AgError: the brand makes `instanceof AgError` see it too. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === AgError) return typeof value === 'object' && value !== null && AG_ERROR in value;
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}
Object.defineProperty(AgError.prototype, AG_ERROR, { value: true });

/** A value of the wrong type for a parameter, a missing argument, an unknown option key. */
export class ArgumentError extends TypeError {
  readonly kind: ErrorKind = 'argument';

  override name = 'ArgumentError';
}
Object.defineProperty(ArgumentError.prototype, AG_ERROR, { value: true });

/** Shapes that do not broadcast or match, a wrong number of dimensions, a size that does not divide. */
export class ShapeError extends AgError {
  override name = 'ShapeError';
  override readonly kind: ErrorKind = 'shape';
}

/** A dtype an op does not take, or two that do not go together. */
export class DTypeError extends AgError {
  override name = 'DTypeError';
  override readonly kind: ErrorKind = 'dtype';
}

/** Tensors on different devices, an unknown device, a backend that lacks the op. */
export class DeviceError extends AgError {
  override name = 'DeviceError';
  override readonly kind: ErrorKind = 'device';
}

/** A dimension or an index out of range. */
export class IndexError extends AgError {
  override name = 'IndexError';
  override readonly kind: ErrorKind = 'index';
}

/**
 * An argument of the right type whose value is not allowed (a negative size, a probability over
 * 1, an unknown mode), or a tensor whose memory was already released with `dispose()`.
 */
export class ValueError extends AgError {
  override name = 'ValueError';
  override readonly kind: ErrorKind = 'value';
}

/**
 * Misuse of the autograd graph: backward twice through a freed graph, a non-scalar root with no
 * gradient, a tensor modified in place after it was saved or while it needs a gradient.
 */
export class AutogradError extends AgError {
  override name = 'AutogradError';
  override readonly kind: ErrorKind = 'autograd';
}

/** A size past what the backend or the device can hold (PyTorch's `torch.OutOfMemoryError`). */
export class OutOfMemoryError extends AgError {
  override name = 'OutOfMemoryError';
  override readonly kind: ErrorKind = 'memory';
}

/** A file or a record that is not what it claims: a malformed safetensors file or state dict. */
export class FormatError extends AgError {
  override name = 'FormatError';
  override readonly kind: ErrorKind = 'format';
}
