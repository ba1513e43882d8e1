/**
 * What every matmul shader shares: its bindings and how an invocation finds its operands. The
 * metadata is [M, K, N, batch rank, batch shape..., A offset, A batch strides..., A row stride,
 * A col stride, then B's], and a kernel may append its own values after B's.
 */
export interface OperandSource {
  /** WGSL type of the arithmetic, of a's and b's storage, of the output's. */
  readonly t: 'f32' | 'i32';
  readonly ta: string;
  readonly tb: string;
  readonly tout: string;
  /** WGSL converting `a[idx]` / `b[idx]` (idx an i32 expression) to `t`, and `t` to the output. */
  readonly readA: (idx: string) => string;
  readonly readB: (idx: string) => string;
  readonly store: (v: string) => string;
  /** Batch rank, and where A's and B's (offset, batch strides..., row stride, col stride) start in md. */
  readonly br: number;
  readonly aBase: number;
  readonly bBase: number;
}

/** Where a kernel's own metadata starts: after B's column stride. */
export function extraMeta(s: OperandSource): number {
  return s.bBase + s.br + 3;
}

export function matmulBindings(s: OperandSource): string {
  return [
    `@group(1) @binding(1) var<storage, read> a: array<${s.ta}>;`,
    `@group(1) @binding(2) var<storage, read> b: array<${s.tb}>;`,
    `@group(1) @binding(3) var<storage, read_write> out: array<${s.tout}>;`,
  ].join('\n');
}

/**
 * Statements defining M, K, N, the batch's A and B offsets `ao`, `bo` (the batch index `z`
 * unravelled over the batch shape) and the operands' row and column strides.
 */
export function operandPrologue(s: OperandSource, z: string): string {
  const { br, aBase, bBase } = s;
  return `
  let M = u32(md[0]); let K = u32(md[1]); let N = u32(md[2]);
  var rem = ${z};
  var ao = md[${aBase}]; var bo = md[${bBase}];
  for (var d = ${br}u; d > 0u; d--) {
    let s = u32(md[3u + d]);
    let cd = i32(rem % s);
    rem /= s;
    ao += cd * md[${aBase}u + d]; bo += cd * md[${bBase}u + d];
  }
  let ars = md[${aBase + br + 1}]; let acs = md[${aBase + br + 2}];
  let brs = md[${bBase + br + 1}]; let bcs = md[${bBase + br + 2}];`;
}
