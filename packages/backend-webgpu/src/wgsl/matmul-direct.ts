import type { OperandSource } from './matmul-operands.js';
import { extraMeta, matmulBindings, operandPrologue } from './matmul-operands.js';

/** Rows and columns of C per invocation of the direct kernel. */
export const DIRECT_BLOCK = 4;
export const DIRECT_GROUP = 64;

/**
 * The direct matmul for small products on an emulated GPU: no workgroup memory and no barriers.
 * Each invocation computes a 4 x 4 block of C straight from the operands (llvmpipe keeps them in
 * its CPU caches anyway), so it pays neither the tiled kernel's staging and barriers, which
 * llvmpipe runs as coroutine switches, nor its 64-wide tiles, which a product with 10 columns
 * (a classifier's last layer and its gradients) fills with 84% padding: the 64 invocations of a
 * workgroup are laid out as wx x (64 / wx) blocks, wx (md, after B's strides) chosen on the host
 * to fit N, so one pipeline serves every shape. On llvmpipe it is several times faster than the
 * 4 x 4 tiled kernel on such products (docs/performance.md).
 */
export function directSource(s: OperandSource): string {
  const { t } = s;
  const b4 = [0, 1, 2, 3];
  return /* wgsl */ `
${matmulBindings(s)}

@compute @workgroup_size(${DIRECT_GROUP})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) li: u32) {
  let wx = u32(md[${extraMeta(s)}]);
  let row0 = (wid.y * (${DIRECT_GROUP}u / wx) + li / wx) * 4u;
  let col0 = (wid.x * wx + li % wx) * 4u;
${operandPrologue(s, 'wid.z')}
  if (row0 >= M || col0 >= N) { return; }
  // Rows and columns past the edge repeat the last one: loads stay in bounds, stores are skipped.
${b4.map((i) => `  let pa${i} = ao + i32(min(row0 + ${i}u, M - 1u)) * ars;`).join('\n')}
${b4.map((j) => `  let pb${j} = bo + i32(min(col0 + ${j}u, N - 1u)) * bcs;`).join('\n')}
${b4.map((i) => `  var c${i} = vec4<${t}>();`).join('\n')}
  for (var k = 0u; k < K; k++) {
    let ka = i32(k) * acs; let kb = i32(k) * brs;
    let w = vec4<${t}>(${b4.map((j) => s.readB(`pb${j} + kb`)).join(', ')});
${b4.map((i) => `    c${i} += ${s.readA(`pa${i} + ka`)} * w;`).join('\n')}
  }
  let base = wid.z * M * N;
${b4
  .map((i) =>
    [
      `  if (row0 + ${i}u < M) {`,
      ...b4.map(
        (j) =>
          `    if (col0 + ${j}u < N) { out[base + (row0 + ${i}u) * N + col0 + ${j}u] = ${s.store(`c${i}.${'xyzw'[j]!}`)}; }`,
      ),
      '  }',
    ].join('\n'),
  )
  .join('\n')}
}
`;
}

/** Invocations across N in a workgroup: the least power of two whose blocks cover N, at most 16. */
export function directWidth(n: number): number {
  let wx = 1;
  while (wx < 16 && wx * DIRECT_BLOCK < n) wx *= 2;
  return wx;
}
