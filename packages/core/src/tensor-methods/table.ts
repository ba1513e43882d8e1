import type { Tensor } from '../tensor.js';
import { inplace } from '../autograd/inplace.js';
import { shapeArgs } from '../ops/view.js';

/**
 * How `Tensor`'s methods are made from ops, so that each op's signature and defaults are written
 * once, on the op. A group file (pointwise.ts, reductions.ts, ...) lists its ops in tables; the
 * method types are derived from the tables, and the tables are installed on `Tensor.prototype`,
 * each op behind a wrapper of fixed arity (no rest arguments on the hot path of `x.add(y)`).
 * Methods an op cannot give (overloads, a different argument order) are written out in a group's
 * `methods` object, and those with overloads declared in its interface.
 */

/** An op a method forwards to: the tensor the method is called on goes first. */
type Op = (self: Tensor, ...args: never[]) => unknown;

// The types below take an op's first parameter as `never` (which any op accepts) rather than
// as `Tensor`: `interface Tensor` extends them, and asking whether an op takes a `Tensor` there
// would need the interface it is in the middle of building.

/** The arguments of the method an op becomes: the op's, after the tensor. */
export type MethodArgs<F> = F extends (self: never, ...args: infer P) => unknown ? P : never;

/** `x.name(...args)` is `op(x, ...args)`. */
export type OpMethods<T> = {
  [K in keyof T]: T[K] extends (self: never, ...args: infer P) => infer R ? (...args: P) => R : never;
};

/** `x.name(...shape)` is `op(x, shape)`: PyTorch's `x.view(2, 3)` as well as `x.view([2, 3])`. */
export type ShapeArgMethods<T> = { [K in keyof T]: (...shape: ShapeArgs) => Tensor };
export type ShapeArgs = readonly number[] | [readonly number[]];

/** `x.name_(...args)` writes `op(x, ...args)` into `x` (see autograd/inplace.ts) and returns `x`. */
export type InPlaceMethods<T> = { [K in keyof T]: <S extends Tensor>(this: S, ...args: MethodArgs<T[K]>) => S };

/** The wrappers pass at most this many arguments on, so that none needs rest arguments. */
type Arity = 0 | 1 | 2 | 3 | 4 | 5;

/** Each op of `T`, if its method takes a fixed number (up to 5) of arguments; never otherwise. */
type FixedArity<T> = {
  [K in keyof T]: T[K] extends (self: Tensor, ...args: infer P) => unknown
    ? number extends P['length']
      ? never
      : P['length'] extends Arity
        ? T[K]
        : never
    : never;
};

/** Installs a method per op of `table` on `proto`. */
export function installOps<T extends Record<string, Op>>(proto: Tensor, table: T & FixedArity<T>): void {
  for (const name of Object.keys(table)) define(proto, name, opMethod(table[name] as AnyOp));
}

/** Installs a method per op of `table`, taking the shape as separate numbers or as one list. */
export function installShapeArgOps(
  proto: Tensor,
  table: Record<string, (self: Tensor, shape: readonly number[]) => Tensor>,
): void {
  for (const name of Object.keys(table)) {
    const op = table[name]!;
    define(proto, name, function (this: Tensor, ...shape: ShapeArgs): Tensor {
      return op(this, shapeArgs(shape));
    });
  }
}

/** Installs an in-place method per op of `table` (named with its trailing `_`). */
export function installInPlaceOps<T extends Record<string, Op>>(proto: Tensor, table: T & FixedArity<T>): void {
  for (const name of Object.keys(table)) define(proto, name, inPlaceMethod(name, table[name] as AnyOp));
}

/** Installs methods written out in full. */
export function installMethods(proto: Tensor, methods: object): void {
  for (const name of Object.keys(methods)) define(proto, name, (methods as Record<string, unknown>)[name]);
}

type AnyOp = (self: Tensor, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) => unknown;

// One closure per op. The op is a constant of its closure, so an optimizing compiler that inlines
// `x.add` sees `ops.add` itself; undefined for the arguments a call leaves out is what the op
// would see without the wrapper (a default parameter applies to undefined).
function opMethod(op: AnyOp): AnyOp {
  return function (this: Tensor, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) {
    return op(this, a, b, c, d, e);
  };
}

function inPlaceMethod(name: string, op: AnyOp): AnyOp {
  return function (this: Tensor, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) {
    return inplace(this, name, (self) => op(self, a, b, c, d, e) as Tensor);
  };
}

/** As a class method: not enumerable, writable, configurable. */
function define(proto: Tensor, name: string, value: unknown): void {
  Object.defineProperty(proto, name, { value, writable: true, enumerable: false, configurable: true });
}
