import type { DType, NestedArray, Tensor } from '@ag/core';
import { tensor, zeros } from '@ag/core';
import { OPS } from './build.js';
import { sizeOf, type ConstNode, type FuzzGraph, type LeafNode } from './graph.js';

/** Values in nested arrays of `shape` (a number for a 0-dim shape). */
export function nest(values: readonly (number | boolean)[], shape: readonly number[]): NestedArray {
  if (shape.length === 0) return values[0] as NestedArray;
  const inner = sizeOf(shape.slice(1));
  return Array.from({ length: shape[0]! }, (_, i) => nest(values.slice(i * inner, (i + 1) * inner), shape.slice(1)));
}

/** Values as a tensor of `shape`: nested arrays cannot say an empty shape, so those are zeros. */
function valuesTensor(
  values: readonly number[],
  shape: readonly number[],
  options: { dtype: DType; device: string; requiresGrad?: boolean },
): Tensor {
  if (sizeOf(shape) === 0) return zeros([...shape], options);
  return tensor(nest(options.dtype === 'bool' ? values.map((v) => v === 1) : values, shape), options);
}

/** A leaf (requiring grad where it is floating) or constant as a tensor. */
function sourceTensor(node: LeafNode | ConstNode, dtype: DType, device: string, values = node.values): Tensor {
  return valuesTensor(values, node.shape, { dtype, device, requiresGrad: node.kind === 'leaf' && dtype !== 'int32' });
}

/** What running a graph made: every node's tensor (the last is the output) and the leaves. */
export interface Run {
  readonly nodes: readonly Tensor[];
  readonly leaves: readonly Tensor[];
  readonly out: Tensor;
}

/**
 * Runs `graph` on `device` in `dtype` (the graph's by default). `leafValues` replaces the values of
 * leaves by position in the graph (finite differences move one element at a time).
 */
export function runGraph(
  graph: FuzzGraph,
  device: string,
  dtype: DType = graph.dtype,
  leafValues?: ReadonlyMap<number, readonly number[]>,
): Run {
  const nodes: Tensor[] = [];
  const leaves: Tensor[] = [];
  graph.nodes.forEach((node, i) => {
    if (node.kind === 'op') {
      nodes.push(
        OPS[node.op]!.run(
          node.args.map((a) => nodes[a]!),
          node.params,
        ),
      );
    } else {
      const t = sourceTensor(node, node.kind === 'const' ? node.dtype : dtype, device, leafValues?.get(i));
      if (node.kind === 'leaf') leaves.push(t);
      nodes.push(t);
    }
  });
  return { nodes, leaves, out: nodes[nodes.length - 1]! };
}

/** The weights of the scalar function `(out * weights).sum()`, as a tensor of out's shape. */
export function weightsTensor(graph: FuzzGraph, out: Tensor, dtype: DType): Tensor {
  return valuesTensor(graph.weights, out.shape, { dtype, device: out.device });
}
