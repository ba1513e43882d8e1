import type { Slot } from './buffer-pool.js';
import type { DType } from '@ag/core';
import type { Dispatch, Op } from './batch.js';
import type { Kernel, PipelineCache } from './pipelines.js';
import { grid } from './grid.js';
import { wgslType } from './wgsl/convert.js';
import type { Access } from './wgsl/layout.js';
import { fourWide } from './wgsl/layout.js';
import type { ChainPlan, Source } from './wgsl/fused.js';
import { fusedSource } from './wgsl/fused.js';
import { perInvocation } from './wgsl/prelude.js';

/** One operand of a stage, its layout over the stage's collapsed shape (layout.ts). */
export interface StageInput {
  readonly buffer: Slot;
  readonly dtype: DType;
  readonly as: DType;
  readonly access: Access;
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * What an elementwise dispatch computes, recorded beside it so that the batch can fuse it with
 * its neighbours at flush: the map kernel's inputs, body and dtypes (map.ts), or an assign (into
 * a contiguous view) as the map `v0` into its destination.
 */
export interface Stage {
  readonly n: number;
  /** The shape its operands' strides walk (dims merged where all allow, layout.ts `collapse`). */
  readonly shape: readonly number[];
  readonly inputs: readonly StageInput[];
  /** WGSL over v0, v1, ... (each input converted to its `as`), of dtype `result`, stored as `out`. */
  readonly body: string;
  readonly result: DType;
  readonly out: DType;
  readonly output: Slot;
  /** Where the output is written, contiguously: 0 for a map kernel, the view's offset for assign. */
  readonly outOffset: number;
  /** A map kernel's result: a buffer just acquired, which nothing but later work can read. */
  readonly fresh: boolean;
  /** Whether the stage may run four elements per invocation (it did, or could have, unfused). */
  readonly vector: boolean;
}

/** A chain being grown: its dispatches, and whether each intermediate must still be written. */
interface Chain {
  readonly ops: Dispatch[];
  readonly keep: boolean[];
  /** Its kernel's plan, made when the chain grew to it; null for a single dispatch. */
  readonly plan: ChainPlan | null;
}

/** Counts kept for tests and probes (`memory()`). */
export interface FusionStats {
  /** Fused dispatches launched. */
  chains: number;
  /** Elementwise dispatches they replaced. */
  kernels: number;
}

/**
 * Stages per fused kernel at most: every new chain compiles a pipeline, which costs llvmpipe
 * milliseconds and grows with the source, so a long run of small ops (a batch may hold 256) is cut
 * into kernels of a size that recurs.
 */
const MAX_STAGES = 16;

type Make = (
  name: string,
  kernel: Kernel,
  buffers: readonly Slot[],
  meta: readonly number[],
  groups: readonly [number, number, number],
) => Dispatch;

/**
 * Fuses runs of elementwise dispatches at flush time: a producer X whose fresh output the next
 * dispatch Y reads (contiguously, at the same index) is computed inline in Y's kernel, which
 * saves a launch and a pass over memory each (llvmpipe pays per element per pass: the SGD
 * update `p.sub_(g.mul(lr))` is mul, sub and assign over the whole weight). X's output is not
 * written when its values are dead: no later op in the batch reads the buffer before a map kernel
 * writes it afresh, and no tensor holds it (it is back in the pool's free list at flush).
 * Otherwise the fused kernel still writes it, from registers, which spares the re-read.
 *
 * A chain is refused (left as it was recorded) when a fused kernel could race or differ: element
 * counts differ, a stage reads an earlier intermediate other than its producer's, two stages write
 * one buffer, a buffer the kernel writes is also read other than contiguously at the written index
 * (WebGPU binds it once, read_write), a buffer is read as two WGSL types, the stages disagree on
 * vec4, strided operands walk differently collapsed shapes (the kernel has one, prelude's `at`),
 * or the bindings exceed the device's storage-buffer limit.
 */
export class Fuser {
  readonly stats: FusionStats = { chains: 0, kernels: 0 };

  constructor(
    private readonly pipelines: PipelineCache,
    private readonly isFree: (buffer: Slot) => boolean,
    /** Storage buffers a kernel may bind besides the metadata. */
    private readonly maxBindings: number,
  ) {}

  /** `ops` with each fusable chain replaced by one dispatch, made by `make` (which records its metadata). */
  apply(ops: readonly Op[], make: Make): Op[] {
    if (!ops.some((op, i) => i > 0 && op.kind === 'dispatch' && op.stage !== undefined && fresh(ops[i - 1]!)))
      return ops as Op[];
    const uses = usesOf(ops);
    const out: Op[] = [];
    let chain: Chain | null = null;
    const close = () => {
      if (chain !== null) out.push(...this.emit(chain, make));
      chain = null;
    };
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      if (op.kind !== 'dispatch' || op.stage === undefined) {
        close();
        out.push(op);
        continue;
      }
      if (chain !== null) {
        const last: Stage = chain.ops[chain.ops.length - 1]!.stage!;
        if (chain.ops.length < MAX_STAGES && feeds(last, op.stage, chain)) {
          const grown: Dispatch[] = [...chain.ops, op];
          const keep: boolean[] = [...chain.keep, !this.dead(last.output, i, ops, uses)];
          const plan = planOf(grown, keep, this.maxBindings);
          if (plan !== null) {
            chain = { ops: grown, keep, plan };
            continue;
          }
        }
        close();
      }
      chain = { ops: [op], keep: [], plan: null };
    }
    close();
    return out;
  }

  /**
   * Whether the values of `buffer` are dead after op `i`. The next op to touch it decides: a map
   * kernel writing it afresh (it was released and reacquired) starts new values, anything else
   * may read. With no later op, they are dead when no tensor holds the buffer.
   */
  private dead(buffer: Slot, i: number, ops: readonly Op[], uses: Map<Slot, number[]>): boolean {
    for (const j of uses.get(buffer) ?? []) {
      if (j <= i) continue;
      const op = ops[j]!;
      return (
        op.kind === 'dispatch' &&
        op.stage !== undefined &&
        op.stage.fresh &&
        op.stage.output === buffer &&
        !op.stage.inputs.some((x) => x.buffer === buffer)
      );
    }
    return this.isFree(buffer);
  }

  /** The fused dispatch of a chain of two or more; a single dispatch as it was. */
  private emit(chain: Chain, make: Make): Dispatch[] {
    const plan = chain.plan;
    if (plan === null) return chain.ops;
    const name = chain.ops.map((op) => op.name).join('+');
    // Everything the source depends on: the offsets are metadata, the buffers the bind group.
    const key = `fused|${JSON.stringify([plan.vector, plan.shape.length, plan.stages, plan.bindings, plan.writes])}`;
    const kernel = this.pipelines.get(name, { key, build: () => fusedSource(plan) });
    const count = plan.vector ? plan.n / 4 : plan.n;
    const per = perInvocation(count);
    this.stats.chains++;
    this.stats.kernels += chain.ops.length;
    const rank = plan.shape.length;
    // stridedMeta's layout (prelude): strides matter only to strided loads; the others read their offset.
    const slots = plan.slots.flatMap((s) => [
      s.offset,
      ...(s.strides.length === rank ? s.strides : Array<number>(rank).fill(0)),
    ]);
    return [
      make(name, kernel, plan.buffers, [count, rank, ...plan.shape, ...slots, per], grid(Math.ceil(count / per))),
    ];
  }
}

function fresh(op: Op): boolean {
  return op.kind === 'dispatch' && op.stage !== undefined && op.stage.fresh;
}

/** Each buffer's ops, by index in the batch, in order. */
function usesOf(ops: readonly Op[]): Map<Slot, number[]> {
  const uses = new Map<Slot, number[]>();
  const add = (b: Slot, i: number) => {
    const list = uses.get(b);
    if (list === undefined) uses.set(b, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  ops.forEach((op, i) => {
    if (op.kind === 'copy') add(op.from, i);
    else for (const b of op.buffers) add(b, i);
  });
  return uses;
}

/** Whether `y` reads `x`'s fresh output, only contiguously at the same index, and no earlier intermediate of the chain. */
function feeds(x: Stage, y: Stage, chain: Chain): boolean {
  if (!x.fresh || y.n !== x.n) return false;
  let reads = false;
  for (const inp of y.inputs) {
    if (inp.buffer === x.output) {
      if (inp.access !== 'contiguous' || inp.offset !== 0 || wgslType(inp.dtype) !== wgslType(x.out)) return false;
      reads = true;
    } else if (chain.ops.some((op) => op.stage!.output === inp.buffer)) {
      return false;
    }
  }
  return reads;
}

/**
 * The bindings, metadata offsets and cache key of a chain, or null when it cannot be one kernel.
 * Written buffers (the last stage's output, kept intermediates) are bound read_write, and an
 * input in one of them is read through that binding, contiguously at the written index only: the
 * invocation that reads an element is then the one that writes it, after reading.
 */
function planOf(ops: readonly Dispatch[], keep: readonly boolean[], maxBindings: number): ChainPlan | null {
  const stages = ops.map((op) => op.stage!);
  const last = stages[stages.length - 1]!;
  // Mixed, the fused kernel would be scalar, and lose the vec4 stages' speed: the bias add (row
  // broadcast, scalar) and relu (vec4) of an MLP ran slower fused than apart.
  const vector = stages[0]!.vector;
  if (stages.some((s) => s.vector !== vector)) return null;
  const buffers: Slot[] = [];
  const bindings: ChainPlan['bindings'][number][] = [];
  const slots: { offset: number; strides: readonly number[] }[] = [];
  // The one shape strided loads walk, from the first stage that has one.
  let shape: readonly number[] | null = null;
  const bind = (buffer: Slot, type: 'f32' | 'i32', write: boolean): number | null => {
    const k = buffers.indexOf(buffer);
    if (k >= 0) return bindings[k]!.type === type && !write ? k : null;
    buffers.push(buffer);
    bindings.push({ type, write, vec4: vector && write });
    return buffers.length - 1;
  };
  // Written buffers first: bound once each, read_write.
  const writes: ChainPlan['writes'][number][] = [];
  for (let s = 0; s < stages.length; s++) {
    if (s < stages.length - 1 && !keep[s]) continue;
    const st = stages[s]!;
    const at = bind(st.output, wgslType(st.out), true);
    if (at === null) return null;
    const offset = s === stages.length - 1 ? st.outOffset : 0;
    writes.push({ stage: s, binding: at, slot: writes.length });
    slots.push({ offset, strides: [] });
  }
  const sources: Source[][] = [];
  for (let s = 0; s < stages.length; s++) {
    const prev = s > 0 ? stages[s - 1]!.output : null;
    const row: Source[] = [];
    for (const inp of stages[s]!.inputs) {
      if (inp.buffer === prev) {
        row.push({ kind: 'prev', dtype: inp.dtype, as: inp.as });
        continue;
      }
      const w = writes.findIndex((x) => buffers[x.binding] === inp.buffer);
      if (
        w >= 0 &&
        (inp.access !== 'contiguous' ||
          inp.offset !== slots[w]!.offset ||
          wgslType(inp.dtype) !== bindings[writes[w]!.binding]!.type)
      )
        return null;
      const binding = w >= 0 ? writes[w]!.binding : bind(inp.buffer, wgslType(inp.dtype), false);
      if (binding === null) return null;
      // Strided and row loads read the shape from the metadata: one shape for the whole kernel.
      if (inp.access === 'strided' || inp.access === 'rows') {
        shape ??= stages[s]!.shape;
        if (!sameShape(shape, stages[s]!.shape)) return null;
      }
      if (vector && fourWide(inp.access)) bindings[binding] = { ...bindings[binding]!, vec4: true };
      row.push({ kind: 'load', binding, slot: slots.length, access: inp.access, dtype: inp.dtype, as: inp.as });
      slots.push({ offset: inp.offset, strides: inp.access === 'strided' ? inp.strides : [] });
    }
    sources.push(row);
  }
  if (buffers.length > maxBindings) return null;
  return {
    n: last.n,
    vector,
    stages: stages.map((s, k) => ({ body: s.body, result: s.result, out: s.out, inputs: sources[k]! })),
    bindings,
    writes,
    buffers,
    shape: shape ?? [],
    slots,
  };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, d) => v === b[d]);
}
