import type { DType, ErrorKind, NestedArray, Tensor } from '@ag/core';

/** One input of an op case: values, and the dtype (float32 by default) and grad flag. */
export interface InputSpec {
  readonly values: NestedArray;
  readonly dtype?: DType;
  readonly requiresGrad?: boolean;
}

/**
 * An op checked against values from mathematics: the forward result, and the gradient of
 * `out.sum()` with respect to each input (closed forms, null for inputs that need none).
 * Inputs that require grad are also checked against finite differences (gradcheck), in
 * float64 where the backend has it.
 */
export interface OpCase {
  readonly id: string;
  readonly inputs: readonly InputSpec[];
  readonly run: (...inputs: Tensor[]) => Tensor;
  readonly expected: NestedArray;
  readonly dtype?: DType;
  readonly grads?: readonly (NestedArray | null)[];
  /** PyTorch's printed form of the result, checked exactly. */
  readonly repr?: string;
  /** grad_fn name of the result. */
  readonly gradFn?: string;
  /** Skip the finite-difference check (ops not differentiable everywhere near the inputs). */
  readonly noGradcheck?: boolean;
}

/** Bad input: the call must throw an error whose message matches, leaving inputs unchanged. */
export interface ErrorCase {
  readonly id: string;
  /** Makes the inputs; `run` receives them; they are checked unchanged afterwards. */
  readonly inputs: () => Tensor[];
  readonly run: (...inputs: Tensor[]) => unknown;
  readonly throws: RegExp;
  /**
   * The kind of error (`error.kind` of ag's error classes: 'shape' for a ShapeError, ...), so
   * that a user catching by class catches it; unchecked when absent.
   */
  readonly kind?: ErrorKind;
}

/** Helpers a scripted case checks with; they use the backend's tolerance. */
export interface Check {
  close(actual: Tensor | null, expected: NestedArray, what?: string): Promise<void>;
  equal<T>(actual: T, expected: T, what?: string): void;
  /** `t` prints as PyTorch printed it (on the CPU: a `device=` suffix is not compared). */
  prints(actual: Tensor, expected: string, what?: string): Promise<void>;
  /** `fn` throws an error whose message matches, of the given kind when one is given. */
  throws(fn: () => unknown, message: RegExp, kind?: ErrorKind): void;
}

/** A behaviour that takes a few steps to show (autograd semantics): a script with checks. */
export interface ScriptCase {
  readonly id: string;
  readonly run: (check: Check) => Promise<void>;
}

/** Any case of the suite. */
export type Case = OpCase | ErrorCase | ScriptCase;

/** The second device the harness registers: the backend under test under another name. */
export const TWIN_DEVICE = 'twin';

/**
 * The host device: the CPU backend, registered beside the backend under test (where that is not
 * the CPU itself) for the cases that copy to and from the host, as `t.cpu()` does.
 */
export const HOST_DEVICE = 'cpu';
