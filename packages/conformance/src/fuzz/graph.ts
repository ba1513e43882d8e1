/**
 * A random op graph as plain data: leaves (inputs that require grad), constants (index and mask
 * tensors) and op nodes that name an entry of the op table (ops.ts) with its parameters. Plain
 * data, so that the same graph runs on any backend and prints as code (print.ts).
 */

/** The dtypes graphs are built in: float64 only where the backend has it. */
export type FuzzDType = 'float32' | 'float64' | 'int32';

/** An input of the graph, in the graph's dtype; floating leaves require grad. */
export interface LeafNode {
  readonly kind: 'leaf';
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** An index (int32) or mask (bool) tensor an op takes: never differentiated. */
export interface ConstNode {
  readonly kind: 'const';
  readonly shape: readonly number[];
  readonly values: readonly number[];
  readonly dtype: 'int32' | 'bool';
}

/** An op of the table applied to earlier nodes (`args`, by position in the graph). */
export interface OpNode {
  readonly kind: 'op';
  readonly op: string;
  readonly args: readonly number[];
  readonly params: Readonly<Record<string, number | boolean | readonly number[] | null>>;
  readonly shape: readonly number[];
}

export type GraphNode = LeafNode | ConstNode | OpNode;

/** A graph: nodes in evaluation order; the last node is the output. */
export interface FuzzGraph {
  readonly dtype: FuzzDType;
  readonly nodes: readonly GraphNode[];
  /** Weights of the scalar function `(out * weights).sum()` whose gradient is checked. */
  readonly weights: readonly number[];
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The broadcast of two shapes, or null where they do not broadcast. */
export function broadcast(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/**
 * Reads a list of random naturals as choices: `pick(n)` is the next one modulo n, and 0 once the
 * list runs out, so a shrunk (shorter, smaller) list always still means a valid, simpler choice.
 */
export class Choices {
  private next = 0;
  constructor(private readonly values: readonly number[]) {}

  pick(n: number): number {
    if (n <= 1) return 0;
    const v = this.values[this.next++];
    return v === undefined ? 0 : v % n;
  }

  /** One of `options`, the first when the choices run out. */
  of<T>(options: readonly T[]): T {
    return options[this.pick(options.length)]!;
  }
}

/** Deterministic values from a seed (a linear congruential generator), in [0, 1). */
export function uniforms(count: number, seed: number): number[] {
  const out: number[] = [];
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(s / 2 ** 32);
  }
  return out;
}

/**
 * Leaf values kept away from kinks and ties: floats of magnitude in [0.2, 1.4), on a grid of
 * 2^-16 shifted by 2^-18 so that none sits on a clamp bound or another leaf's value by chance
 * (and each prints exactly); small integers for int32.
 */
export function leafValues(count: number, seed: number, dtype: FuzzDType): number[] {
  const u = uniforms(2 * count, seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = u[2 * i]!;
    if (dtype === 'int32') out.push(Math.floor(a * 7) - 3);
    else out.push((u[2 * i + 1]! < 0.5 ? -1 : 1) * (Math.round((0.2 + 1.2 * a) * 2 ** 16) / 2 ** 16 + 2 ** -18));
  }
  return out;
}
