import type { Tensor } from '../tensor.js';
import type { AttrValue } from './model-proto.js';
import { MATH_MAPPERS } from './op-map-math.js';
import { NN_MAPPERS } from './op-map-nn.js';
import { SHAPE_MAPPERS } from './op-map-shape.js';
import type { TracedOp } from './tracer.js';

/**
 * The table from ag's ops, by the grad_fn name `defineOp` records them under, to ONNX nodes. A
 * composite op named here is traced whole; one not named is traced through the ops its forward
 * runs (GELU into Erf, Mul and Add; an LSTM into its cells' MatMul, Sigmoid and Tanh).
 */

/** A dim of a value's shape: a size, or the dim_param name of a dynamic axis. */
export type Dim = number | string;

/** What a mapper writes with: the op, its inputs' value names and symbolic shapes, and node makers. */
export interface Emit {
  readonly op: TracedOp;
  /** The value name of the op's input `i`. */
  x(i: number): string;
  /** The value name of any tensor the op reads (an attribute's tensor too). */
  value(t: Tensor): string;
  sym(t: Tensor): readonly Dim[];
  /** Appends a node with one output and returns that output's name. */
  node(opType: string, inputs: readonly string[], attrs?: Record<string, AttrValue>): string;
  /** An int64 vector constant (shapes, axes). */
  ints(values: readonly number[]): string;
  /** A 0-d constant of `like`'s dtype. */
  scalar(value: number, like: Tensor): string;
}

/** A mapper returns its result's value name, with its symbolic shape where the default (broadcast from the inputs) is wrong. */
export type Mapper = (e: Emit) => string | { readonly value: string; readonly sym: readonly Dim[] };

export const MAPPERS: Readonly<Record<string, Mapper>> = { ...MATH_MAPPERS, ...SHAPE_MAPPERS, ...NN_MAPPERS };

/** Attribute helpers. */
export const int = (v: number): AttrValue => ({ int: v });
export const ints = (v: readonly number[]): AttrValue => ({ ints: v });
export const float = (v: number): AttrValue => ({ float: v });
