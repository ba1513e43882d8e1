import type { Slot } from '../buffer-pool.js';
import type { DType } from '@ag/core';
import { convert, wgslType } from './convert.js';
import type { Access } from './layout.js';
import { fourWide, indexExpr, vec4Index } from './layout.js';
import { MATH } from './math.js';
import { MAIN_BLOCK_END, PRELUDE, mainBlock } from './prelude.js';

/** Where a stage's operand comes from: the previous stage's value, or a load through a binding at the offset in metadata slot `slot`. */
export type Source =
  | { readonly kind: 'prev'; readonly dtype: DType; readonly as: DType }
  | {
      readonly kind: 'load';
      readonly binding: number;
      readonly slot: number;
      readonly access: Access;
      readonly dtype: DType;
      readonly as: DType;
    };

/** A fused chain as its kernel needs it (fusion.ts builds it): what each stage computes, what is bound, what is written. */
export interface ChainPlan {
  readonly n: number;
  readonly vector: boolean;
  readonly stages: readonly {
    readonly body: string;
    readonly result: DType;
    readonly out: DType;
    readonly inputs: readonly Source[];
  }[];
  /** Group 1's tensors, binding k + 1: written ones are read_write; vec4 where read or written four at a time. */
  readonly bindings: readonly { readonly type: 'f32' | 'i32'; readonly write: boolean; readonly vec4: boolean }[];
  /** Each written value: the stage, its binding, and the metadata slot of its offset. */
  readonly writes: readonly { readonly stage: number; readonly binding: number; readonly slot: number }[];
  readonly buffers: readonly Slot[];
  /** The shape strided loads walk ([] when none do). */
  readonly shape: readonly number[];
  /** Operand slots of the metadata (`off(k)`, `at(k, i)`): the writes, then each load; strides only for strided loads. */
  readonly slots: readonly { readonly offset: number; readonly strides: readonly number[] }[];
}

type Load = Extract<Source, { kind: 'load' }>;

/**
 * The WGSL of a fused chain. Each stage's body becomes a function of its operands, `stage<s>(v0,
 * v1, ...)`, returning its value converted to its `out` dtype, exactly the word the unfused kernel
 * stores; a consumer converts it to its operand's `as` as if it had loaded it. The metadata is
 * `stridedMeta` over `shape` (prelude) with one slot per write and load, then `per`, so `off(k)`
 * and `at(k, i)` serve as in the map kernel. Every load comes before every write, so an element
 * read through a written binding is read before it changes.
 */
export function fusedSource(plan: ChainPlan): string {
  const t = (b: number) => plan.bindings[b]!;
  const decls = plan.bindings.map((b, k) => {
    const elem = b.vec4 ? `vec4<${b.type}>` : b.type;
    return `@group(1) @binding(${k + 1}) var<storage, ${b.write ? 'read_write' : 'read'}> t${k}: array<${elem}>;`;
  });
  const fns = plan.stages.map((s, k) => {
    const params = s.inputs.map((inp, j) => `v${j}: ${wgslType(inp.as)}`).join(', ');
    return `fn stage${k}(${params}) -> ${wgslType(s.out)} { return ${convert(s.body, s.result, s.out)}; }`;
  });
  const rank = plan.shape.length;
  const perSlot = 2 + rank + plan.slots.length * (rank + 1);
  // One lane's stages: `word(s, j)` is the stored word that load j of stage s reads.
  const lane = (word: (s: number, j: number) => string) =>
    plan.stages.map((s, k) => {
      const args = s.inputs.map((inp, j) => convert(inp.kind === 'prev' ? `r${k - 1}` : word(k, j), inp.dtype, inp.as));
      return `let r${k} = stage${k}(${args.join(', ')});`;
    });
  let body: string[];
  if (!plan.vector) {
    const word = (s: number, j: number) => {
      const inp = plan.stages[s]!.inputs[j] as Load;
      return `t${inp.binding}[${indexExpr(inp.access, inp.slot, 'i')}]`;
    };
    body = [
      ...lane(word).map((l) => `  ${l}`),
      ...plan.writes.map((w) => `  t${w.binding}[${indexExpr('contiguous', w.slot, 'i')}] = r${w.stage};`),
    ];
  } else {
    // Loads of four elements first (others splat from their one element), then the stages per lane.
    const loads: string[] = [];
    plan.stages.forEach((s, k) => {
      s.inputs.forEach((inp, j) => {
        if (inp.kind === 'prev') return;
        if (fourWide(inp.access)) {
          loads.push(`  let w${k}_${j} = t${inp.binding}[${vec4Index(inp.access, inp.slot, 'i')}];`);
          return;
        }
        // One element for all four (strided loads here are constant along runs of 4, layout.ts).
        loads.push(`  let a${k}_${j} = ${indexExpr(inp.access, inp.slot, 'i * 4u')};`);
        loads.push(
          `  let w${k}_${j} = t${inp.binding}[${t(inp.binding).vec4 ? `a${k}_${j} / 4u][a${k}_${j} % 4u` : `a${k}_${j}`}];`,
        );
      });
    });
    const lanes = ['x', 'y', 'z', 'w'].map((c) => {
      const word = (s: number, j: number) =>
        fourWide((plan.stages[s]!.inputs[j] as Load).access) ? `w${s}_${j}.${c}` : `w${s}_${j}`;
      const stores = plan.writes.map((w, k) => `o${k}.${c} = r${w.stage};`);
      return `  { ${[...lane(word), ...stores].join(' ')} }`;
    });
    body = [
      ...loads,
      ...plan.writes.map((w, k) => `  var o${k}: vec4<${t(w.binding).type}>;`),
      ...lanes,
      ...plan.writes.map((w, k) => `  t${w.binding}[off(${w.slot}u) / 4u + i] = o${k};`),
    ];
  }
  return [PRELUDE, MATH, ...fns, ...decls, mainBlock(perSlot), ...body, MAIN_BLOCK_END].join('\n');
}
