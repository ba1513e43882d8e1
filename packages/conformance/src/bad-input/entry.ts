import type { nn, optim, Tensor } from '@ag/core';

/**
 * One bad input of the catalogue: what it builds, the call that must fail, and how. The runner
 * (run.ts) checks that the call throws (or its promise rejects with) an instance of `throws`
 * whose message matches `message`, that everything the scene holds is as it was, and that the
 * backend then takes a valid op.
 */

/**
 * What an entry builds before its bad call: every tensor, module and optimizer listed here is
 * read before and after the call and must be unchanged (values, grads, parameters, optimizer
 * state and hyperparameters, bytes).
 */
export interface Scene {
  readonly tensors?: readonly Tensor[];
  readonly module?: nn.Module;
  readonly optimizer?: optim.Optimizer<object>;
  /** Bytes handed to a loader, which must not write into them. */
  readonly bytes?: Uint8Array;
}

/** An error class users catch by kind (ShapeError, IndexError, ...). */
export type ErrorClass = abstract new (message: string) => Error;

export interface BadInput<S extends Scene = Scene> {
  /** Unique; says what is wrong (`add: shapes that do not broadcast`). */
  readonly name: string;
  readonly setup: () => S;
  /** The bad call; may return a promise (async APIs) or a tensor (read to surface device errors). */
  readonly call: (scene: S) => unknown;
  readonly throws: ErrorClass;
  /** The message names the op, what it got and what it expected. */
  readonly message: RegExp;
}

/** An entry with its scene's type inferred from `setup` (the table holds them as BadInput). */
export function bad<S extends Scene>(entry: BadInput<S>): BadInput {
  return entry as unknown as BadInput;
}
