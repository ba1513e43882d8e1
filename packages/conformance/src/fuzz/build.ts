import { Choices, leafValues, sizeOf, type FuzzDType, type FuzzGraph, type GraphNode } from './graph.js';
import type { BuildContext, NodeInfo, OpSpec } from './op-spec.js';
import { elementwiseOps } from './ops-elementwise.js';
import { indexOps } from './ops-index.js';
import { shapeOps } from './ops-shape.js';

/** Every op the fuzzer builds graphs from, by name. */
export const OPS: Readonly<Record<string, OpSpec>> = { ...elementwiseOps, ...shapeOps, ...indexOps };

/**
 * The random choices a graph is built from. fast-check generates and shrinks these (shorter
 * lists, smaller numbers); {@link buildGraph} turns any of them into a valid graph, and smaller
 * choices into simpler graphs: size-1 dims, fewer leaves and steps, the first op of the table.
 */
export interface GraphPlan {
  readonly dtype: number;
  /** Codes of the dims of the shape the leaves broadcast to (see DIMS). */
  readonly base: readonly number[];
  /** Each leaf: how many leading dims of the base it drops, which dims are 1 (bits), its values. */
  readonly leaves: readonly { readonly drop: number; readonly ones: number; readonly seed: number }[];
  /** One list of choices per op. */
  readonly steps: readonly (readonly number[])[];
  readonly seed: number;
}

/** Dim sizes by code: mostly 1 to 3, sometimes 4, and one time in ten empty. */
const DIMS = [1, 2, 3, 1, 2, 3, 4, 2, 3, 0];

/** The graph a plan means, in one of `dtypes`. */
export function buildGraph(plan: GraphPlan, dtypes: readonly FuzzDType[]): FuzzGraph {
  const dtype = dtypes[plan.dtype % dtypes.length]!;
  const base = plan.base.map((code) => DIMS[code % DIMS.length]!);
  const nodes: GraphNode[] = [];
  const infos: NodeInfo[] = [];
  // Roots that an op has read (backward may read them) or whose maker saves its result: never
  // written in place, which PyTorch refuses at backward ("modified by an inplace operation").
  const frozen = new Set<number>();
  const ctx: BuildContext = {
    dtype,
    nodes: infos,
    pickNode(c, accept = () => true) {
      const fits = infos.flatMap((n, i) => (!n.constant && accept(n, i) ? [i] : []));
      // The newest node half the time, so that graphs are chains more than heaps of dead ends;
      // choice 0 is the newest, so shrinking makes chains too.
      const k = c.pick(2 * fits.length);
      return fits.length === 0 ? null : fits[fits.length - 1 - (k < fits.length ? k : 0)]!;
    },
    addLeaf(shape, seed) {
      nodes.push({ kind: 'leaf', shape, values: leafValues(sizeOf(shape), seed, dtype) });
      infos.push({ shape, root: infos.length, leafRoot: true, constant: false, expanded: false });
      return infos.length - 1;
    },
    addConst(shape, values, constDtype) {
      nodes.push({ kind: 'const', shape, values, dtype: constDtype });
      infos.push({ shape, root: infos.length, leafRoot: false, constant: true, expanded: false });
      return infos.length - 1;
    },
    writable(i) {
      const n = infos[i]!;
      return !n.constant && !n.leafRoot && !n.expanded && !frozen.has(n.root);
    },
  };
  for (const leaf of plan.leaves) {
    const shape = base.slice(leaf.drop % (base.length + 1)).map((d, i) => (((leaf.ones >> i) & 1) === 1 ? 1 : d));
    ctx.addLeaf(shape, leaf.seed);
  }
  const names = Object.keys(OPS).filter((name) => OPS[name]!.dtypes.includes(dtype));
  for (const step of plan.steps) {
    const c = new Choices(step);
    const first = c.pick(names.length);
    for (let k = 0; k < names.length; k++) {
      const name = names[(first + k) % names.length]!;
      const spec = OPS[name]!;
      const built = spec.build(ctx, c);
      if (built === null) continue;
      for (const a of built.args) if (!spec.view) frozen.add(infos[a]!.root);
      const self = infos.length;
      const from = infos[built.args[0]!]!;
      if (spec.savesOutput === true) frozen.add(self);
      nodes.push({ kind: 'op', op: name, ...built });
      infos.push(
        spec.view === true || spec.inPlace === true
          ? { ...from, shape: built.shape, expanded: from.expanded || spec.expands === true }
          : { shape: built.shape, root: self, leafRoot: false, constant: false, expanded: false },
      );
      break;
    }
  }
  const out = infos[infos.length - 1]!.shape;
  const weights = leafValues(sizeOf(out), plan.seed, 'float64').map((w) => Math.round(w * 256) / 256);
  return { dtype, nodes, weights };
}
