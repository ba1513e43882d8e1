import type { Tensor } from '@ag/core';
import type { Choices, FuzzDType, OpNode } from './graph.js';

export type Params = OpNode['params'];

/** What the builder knows of a node while it builds a graph. */
export interface NodeInfo {
  readonly shape: readonly number[];
  /** The node whose storage this one shares (itself unless it is a view). */
  readonly root: number;
  /** A leaf, or a view of one: in-place ops on it are errors. */
  readonly leafRoot: boolean;
  /** An index or mask tensor: never an operand of arithmetic. */
  readonly constant: boolean;
  /** Made by expand somewhere along its views: several elements share memory. */
  readonly expanded: boolean;
}

/** What an op's builder can ask of the graph being built. */
export interface BuildContext {
  readonly dtype: FuzzDType;
  readonly nodes: readonly NodeInfo[];
  /** A node (not a constant) for which `accept` holds, picked by `c`; null where none does. */
  pickNode(c: Choices, accept?: (n: NodeInfo, i: number) => boolean): number | null;
  /** Adds a new leaf of `shape` (values from `seed`) and returns its position. */
  addLeaf(shape: readonly number[], seed: number): number;
  /** Adds an index or mask constant and returns its position. */
  addConst(shape: readonly number[], values: readonly number[], dtype: 'int32' | 'bool'): number;
  /** Whether in-place ops may write into node `i` (see build.ts). */
  writable(i: number): boolean;
}

/** An op's builder: its arguments, parameters and result shape, or null where it does not apply. */
export type Build = (ctx: BuildContext, c: Choices) => { args: number[]; params: Params; shape: number[] } | null;

/**
 * One entry of the op table: how to build it, run it and print it. `run` and `code` say the same
 * thing twice (a failing graph prints as the code that runs it); they sit together to stay so.
 */
export interface OpSpec {
  readonly dtypes: readonly FuzzDType[];
  readonly build: Build;
  readonly run: (args: readonly Tensor[], p: Params) => Tensor;
  readonly code: (args: readonly string[], p: Params) => string;
  /** The result shares storage with the first argument. */
  readonly view?: boolean;
  /** The result shares memory between its elements (stride 0): never written in place. */
  readonly expands?: boolean;
  /** Writes into the first argument. */
  readonly inPlace?: boolean;
  /** Backward reads the result, so writing into it later is an autograd error. */
  readonly savesOutput?: boolean;
}

export const FLOATS: readonly FuzzDType[] = ['float32', 'float64'];
export const ALL: readonly FuzzDType[] = ['float32', 'float64', 'int32'];

/** Reads a number parameter. */
export function num(p: Params, key: string): number {
  return p[key] as number;
}

/** Reads a list parameter. */
export function list(p: Params, key: string): readonly number[] {
  return p[key] as readonly number[];
}

/** A shape or list as code. */
export function show(xs: readonly number[]): string {
  return `[${xs.join(', ')}]`;
}
