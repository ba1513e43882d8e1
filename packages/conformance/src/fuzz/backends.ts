import type { Tensor } from '@ag/core';
import { tidy } from '@ag/core';
import type { FuzzGraph } from './graph.js';
import { runGraph, weightsTensor } from './evaluate.js';
import { LARGEST_VALUE, type Verdict } from './finite-differences.js';

/**
 * Float32 differs between backends by rounding (sums in another order, transcendental functions a
 * few ulps apart), which cancellation inside the graph magnifies: the absolute part of the
 * tolerance scales with the largest value the graph computes.
 */
export const BACKEND_TOLERANCE = { atol: 1e-5, rtol: 1e-4 };

interface Outcome {
  readonly out: number[];
  readonly grads: (number[] | null)[];
  readonly largest: number;
}

async function outcome(graph: FuzzGraph, device: string): Promise<Outcome> {
  const made = tidy(() => {
    const run = runGraph(graph, device);
    if (graph.dtype !== 'int32') run.out.backward(weightsTensor(graph, run.out, graph.dtype));
    return { nodes: [...run.nodes], leaves: [...run.leaves], grads: run.leaves.map((l) => l.grad) };
  });
  const read = async (t: Tensor) => Array.from(await t.toTypedArray());
  const values = await Promise.all(made.nodes.map(read));
  const grads = await Promise.all(made.grads.map((g) => (g === null ? Promise.resolve(null) : read(g))));
  for (const t of [...made.nodes, ...made.grads]) t?.dispose();
  const largest = [...values, ...grads].reduce((m, vs) => (vs ?? []).reduce((n, v) => Math.max(n, Math.abs(v)), m), 0);
  return { out: values[values.length - 1]!, grads, largest };
}

function differ(actual: readonly number[], expected: readonly number[], atol: number, rtol: number): string | null {
  if (actual.length !== expected.length) return `${actual.length} values, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)) || Math.abs(a - e) <= atol + rtol * Math.abs(e))
      continue;
    return `element ${i}: got ${a}, expected ${e}`;
  }
  return null;
}

/**
 * Property 2: the graph gives the same output and leaf gradients on `device` as on `reference`
 * (the CPU), within {@link BACKEND_TOLERANCE}; int32 graphs exactly.
 */
export async function compareBackends(graph: FuzzGraph, device: string, reference = 'cpu'): Promise<Verdict> {
  const expected = await outcome(graph, reference);
  if (!Number.isFinite(expected.largest) || expected.largest > LARGEST_VALUE)
    return { mismatch: null, skipped: 'overflow' };
  const actual = await outcome(graph, device);
  const exact = graph.dtype === 'int32';
  const atol = exact ? 0 : BACKEND_TOLERANCE.atol * (1 + expected.largest);
  const rtol = exact ? 0 : BACKEND_TOLERANCE.rtol;
  const out = differ(actual.out, expected.out, atol, rtol);
  if (out !== null) return { mismatch: `output: ${out}` };
  for (const [k, g] of expected.grads.entries()) {
    const d = differ(actual.grads[k] ?? [], g ?? [], atol, rtol);
    if (d !== null) return { mismatch: `gradient of leaf ${k}: ${d}` };
  }
  return { mismatch: null };
}
