import fc from 'fast-check';
import { buildGraph, type GraphPlan } from './build.js';
import type { FuzzDType, FuzzGraph } from './graph.js';
import type { Verdict } from './finite-differences.js';
import { graphCode } from './print.js';

/** The plans of graphs of up to `maxSteps` ops on up to three leaves of rank up to 3. */
export function planArbitrary(maxSteps = 10): fc.Arbitrary<GraphPlan> {
  return fc.record({
    dtype: fc.nat(),
    base: fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }),
    leaves: fc.array(fc.record({ drop: fc.nat(3), ones: fc.nat(7), seed: fc.nat() }), { minLength: 1, maxLength: 3 }),
    steps: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), { maxLength: maxSteps }),
    seed: fc.nat(),
  });
}

export interface FuzzOptions {
  /** How many graphs to check. */
  readonly runs: number;
  readonly seed: number;
  /** The dtypes graphs are built in. */
  readonly dtypes: readonly FuzzDType[];
  readonly check: (graph: FuzzGraph) => Verdict | Promise<Verdict>;
  readonly maxSteps?: number;
  /** How many failing graphs to shrink and print (shrinking reruns the check many times). */
  readonly shrink?: number;
  /** Stops early at this time (`Date.now()` milliseconds): the summary counts the graphs checked. */
  readonly until?: number;
}

/** A failing graph after shrinking: its code and what differed. */
export interface FuzzFailure {
  readonly code: string;
  readonly mismatch: string;
}

export interface FuzzSummary {
  readonly graphs: number;
  readonly mismatches: number;
  /** Graphs not compared, by reason (values too large to compare). */
  readonly skipped: number;
  /** Gradient elements not compared because they sit on a kink. */
  readonly kinks: number;
  readonly failures: readonly FuzzFailure[];
}

/** The check's verdict, with a throw (every graph is valid, so any error is a bug) as a mismatch. */
async function verdictOf(check: FuzzOptions['check'], graph: FuzzGraph): Promise<Verdict> {
  try {
    return await check(graph);
  } catch (e) {
    return { mismatch: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
}

/**
 * Checks `runs` random graphs (fixed by `seed`) and counts mismatches; the first `shrink` failing
 * graphs are shrunk by fast-check (from their plan) and printed as code.
 */
export async function fuzzGraphs(options: FuzzOptions): Promise<FuzzSummary> {
  const arbitrary = planArbitrary(options.maxSteps);
  const plans = fc.sample(arbitrary, { numRuns: options.runs, seed: options.seed });
  let mismatches = 0;
  let skipped = 0;
  let kinks = 0;
  const failures: FuzzFailure[] = [];
  let graphs = 0;
  for (const plan of plans) {
    if (options.until !== undefined && Date.now() > options.until) break;
    graphs++;
    const v = await verdictOf(options.check, buildGraph(plan, options.dtypes));
    kinks += v.kinks ?? 0;
    if (v.skipped !== undefined) skipped++;
    if (v.mismatch === null) continue;
    mismatches++;
    if (failures.length < (options.shrink ?? 3)) failures.push(await shrink(plan, options));
  }
  return { graphs, mismatches, skipped, kinks, failures };
}

/** Shrinks a failing plan with fast-check and prints the smallest graph that still fails. */
async function shrink(plan: GraphPlan, options: FuzzOptions): Promise<FuzzFailure> {
  let last: FuzzFailure | null = null;
  const property = fc.asyncProperty(planArbitrary(options.maxSteps), async (p) => {
    const graph = buildGraph(p, options.dtypes);
    const v = await verdictOf(options.check, graph);
    if (v.mismatch !== null) last = { code: graphCode(graph), mismatch: v.mismatch };
    return v.mismatch === null;
  });
  const result = await fc.check(property, { examples: [[plan]], numRuns: 1, seed: options.seed });
  const shrunk = result.counterexample?.[0];
  if (shrunk === undefined || last === null) {
    const graph = buildGraph(plan, options.dtypes);
    return { code: graphCode(graph), mismatch: (await verdictOf(options.check, graph)).mismatch ?? 'flaky' };
  }
  const graph = buildGraph(shrunk, options.dtypes);
  return { code: graphCode(graph), mismatch: (await verdictOf(options.check, graph)).mismatch ?? 'flaky' };
}

/** A summary as text: counts, then each shrunk failing graph. */
export function formatSummary(name: string, s: FuzzSummary): string {
  const head = `${name}: ${s.graphs} graphs, ${s.mismatches} mismatches, ${s.skipped} skipped (overflow), ${s.kinks} gradient elements on kinks skipped`;
  return [head, ...s.failures.map((f, i) => `--- failure ${i + 1}: ${f.mismatch}\n${f.code}`)].join('\n');
}
