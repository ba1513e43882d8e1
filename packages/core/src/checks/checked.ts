import { ArgumentError, ValueError } from '../errors.js';
import { describe, describeMismatch, isValueMismatch, parseSignature, type Param } from './kinds.js';

/**
 * The one place public entry points check what they are given. `checked(name, signature, fn)`
 * wraps a function so that a call with an argument of the wrong kind, a value of the wrong type,
 * an unknown option key, a missing argument or one too many throws an ArgumentError (a TypeError) naming the op,
 * what it got and what it accepts, before the op runs (so no tensor is touched). Ops call each
 * other unchecked: only what users call goes through here (the exports of @ag/core and the
 * methods of Tensor, from the tables of signatures.ts).
 */

type AnyFunction = (...args: never[]) => unknown;

/** Throws the ArgumentError for the first argument of `args` that `params` does not accept. */
export function checkArgs(op: string, params: readonly Param[], args: ArrayLike<unknown>): void {
  const n = params.length;
  for (let i = 0; i < n; i++) {
    const p = params[i]!;
    if (p.rest) {
      for (let j = i; j < args.length; j++) {
        if (!p.kind.test(args[j])) mismatch(op, j, p, args[j]);
      }
      return;
    }
    checkOne(op, p, i, args[i]);
  }
  // Trailing undefineds are what a left-out argument looks like (methods pass them on).
  for (let j = n; j < args.length; j++) {
    if (args[j] !== undefined) {
      fail(
        op,
        `takes at most ${n} argument${n === 1 ? '' : 's'} (${params.map((p) => p.name).join(', ')}), got ${describe(args[j])} as argument ${j + 1}`,
      );
    }
  }
}

function fail(op: string, message: string): never {
  throw new ArgumentError(`${op}: ${message}`);
}

/** Argument `i` is not of `p`'s kind: a ValueError for a string out of its set, else an ArgumentError. */
function mismatch(op: string, i: number, p: Param, value: unknown): never {
  const message = `${op}: argument ${i + 1} ('${p.name}') ${describeMismatch(p.kind, value)}`;
  throw isValueMismatch(p.kind, value) ? new ValueError(message) : new ArgumentError(message);
}

/** `fn` behind a check of its arguments against `signature` (the language of kinds.ts). */
export function checked<F extends AnyFunction>(op: string, signature: string | readonly Param[], fn: F): F {
  const params = typeof signature === 'string' ? parseSignature(signature) : signature;
  const call = fn as unknown as (this: unknown, ...args: unknown[]) => unknown;
  const wrapper =
    params.length <= 3 && !params.some((p) => p.rest) ? fixedArity(op, params, fn) : restArgs(op, params, call);
  Object.defineProperty(wrapper, 'name', { value: fn.name });
  Object.defineProperty(wrapper, 'length', { value: fn.length });
  return wrapper as unknown as F;
}

function restArgs(op: string, params: readonly Param[], call: (...args: unknown[]) => unknown) {
  return function (this: unknown, ...args: unknown[]): unknown {
    checkArgs(op, params, args);
    return call.apply(this, args);
  };
}

type UpToThree = (this: unknown, a?: unknown, b?: unknown, c?: unknown) => unknown;

/**
 * The wrapper of a function of at most three parameters, none rest: its arguments are passed
 * on as they are, without the list a rest parameter allocates per call (the methods of tensors
 * run this on every op). A call with more arguments than that goes through the full check,
 * which names the one too many.
 */
function fixedArity(op: string, params: readonly Param[], fn: AnyFunction) {
  const call = fn as unknown as UpToThree;
  const n = params.length;
  return function (this: unknown, a?: unknown, b?: unknown, c?: unknown): unknown {
    // The function sees exactly the arguments of the call, as through `apply`.
    const k = arguments.length;
    if (k > n) {
      // Only a call with too many arguments reads them as a list (a rest parameter would
      // allocate one on every call).
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      checkArgs(op, params, args);
      return call.apply(this, args as [unknown?, unknown?, unknown?]);
    }
    checkFirst(op, params, n, a, b, c);
    return k === 0
      ? call.call(this)
      : k === 1
        ? call.call(this, a)
        : k === 2
          ? call.call(this, a, b)
          : call.call(this, a, b, c);
  };
}

/** {@link checkArgs} for at most three arguments, given one by one. */
function checkFirst(op: string, params: readonly Param[], n: number, a: unknown, b: unknown, c: unknown): void {
  if (n > 0) checkOne(op, params[0]!, 0, a);
  if (n > 1) checkOne(op, params[1]!, 1, b);
  if (n > 2) checkOne(op, params[2]!, 2, c);
}

function checkOne(op: string, p: Param, i: number, v: unknown): void {
  if (v === undefined) {
    if (!p.optional) fail(op, `missing argument ${i + 1} ('${p.name}'); it expects ${p.kind.expected}`);
  } else if (!p.kind.test(v)) {
    mismatch(op, i, p, v);
  }
}

/** Every function of `module` checked against its line of `table` (prefixed `prefix` in errors). */
export function checkedAll<M extends Record<string, unknown>>(
  module: M,
  table: { readonly [K in keyof M]?: string },
  prefix = '',
): M {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(module)) {
    const value = module[name];
    const signature = table[name];
    out[name] =
      typeof value === 'function' && signature !== undefined
        ? checked(prefix + name, signature, value as AnyFunction)
        : value;
  }
  return out as M;
}

/** Methods a class checks: the method's signature, not counting `this`. */
export function checkMethods(proto: object, signatureOf: (name: string) => readonly Param[] | undefined): void {
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('_')) continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
    if (typeof descriptor.value !== 'function') continue;
    const params = signatureOf(name);
    if (params === undefined) continue;
    Object.defineProperty(proto, name, {
      ...descriptor,
      value: checked(`Tensor.${name}`, params, descriptor.value as AnyFunction),
    });
  }
}

/**
 * A class whose constructor checks its arguments against `signature`: a Proxy, so that
 * `instanceof`, statics and subclasses (`class My extends nn.Conv2d`, whose `super(...)` call
 * goes through the same check) behave as the class itself.
 */
export function checkedClass<C extends abstract new (...args: never[]) => unknown>(
  name: string,
  signature: string,
  cls: C,
): C {
  const params = parseSignature(signature);
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      checkArgs(name, params, args);
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
}

/**
 * The `checked(name)` of one namespace's public module: `raw[name]` behind the check of
 * `table[name]`, reported as `prefix.name`, so each export spells its class's name once.
 */
export function classChecker<R extends object, T extends Readonly<Record<string, string>>>(
  prefix: string,
  table: T,
  raw: R,
): <K extends keyof T & keyof R & string>(name: K) => R[K] {
  return (name) =>
    checkedClass(
      `${prefix}.${name}`,
      table[name] as string,
      raw[name] as abstract new (...args: never[]) => unknown,
    ) as R[typeof name];
}
