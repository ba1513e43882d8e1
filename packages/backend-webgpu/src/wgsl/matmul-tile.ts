import type { OperandSource } from './matmul-operands.js';
import { matmulBindings, operandPrologue } from './matmul-operands.js';

/**
 * The tiled matmul shader. A workgroup of 16 x 16 invocations computes a (16 rm) x (16 cn) block
 * of C; each invocation keeps an rm x cn block of it in registers, as rm * cn / 4 vec4
 * accumulators. Per step along K, the workgroup stages the A tile (16 rm rows x TK) and the B
 * tile (TK x 16 cn columns) in workgroup memory as vec4s of 4 rows (A) or 4 columns (B) at one k;
 * then for each of the TK values of k, every invocation reads rm / 4 vec4s of A and cn / 4 of B
 * and does rm * cn multiply-adds. So each value read from workgroup memory feeds 4 to 8
 * multiply-adds, and each value read from global memory 16 rm or 16 cn of them.
 *
 * An invocation's rows are 4-row groups spaced 64 apart (group g: 64 g + 4 lid.y), and likewise
 * its columns: neighbouring invocations read neighbouring vec4s of workgroup memory (no bank
 * conflicts) and store neighbouring vec4s of C (coalesced).
 *
 * The inner loop is written out over the rm x cn block (at most 16 vec4 statements) and the k
 * loops stay rolled: shaders must compile quickly on SwiftShader and llvmpipe, where a fully
 * unrolled variant timed out the browser suite.
 */
export interface Tile {
  /** Rows and columns of C per invocation: 4 or 8. */
  readonly rm: number;
  readonly cn: number;
  /** Steps along K per staged tile. */
  readonly tk: number;
}

export const THREADS = 16;

export interface TileSource extends OperandSource {
  readonly tile: Tile;
  /** Which dimension neighbouring invocations walk when staging: the operand's contiguous one. */
  readonly aAlongK: boolean;
  readonly bAlongN: boolean;
}

const LANES = ['x', 'y', 'z', 'w'];
const range = (n: number) => [...Array(n).keys()];

export function tileSize(tile: Tile): { rows: number; cols: number } {
  return { rows: THREADS * tile.rm, cols: THREADS * tile.cn };
}

export function matmulSource(s: TileSource): string {
  const { rm, cn, tk } = s.tile;
  const { rows, cols } = tileSize(s.tile);
  const [qa, qb] = [rows / 4, cols / 4]; // vec4s across the A and B tiles
  const [ga, gb] = [rm / 4, cn / 4]; // 4-row and 4-column groups per invocation
  const group = THREADS * THREADS;
  const { t } = s;
  // Staging step j of invocation li fills vec4 number v = li + j * 256 of a tile, at (k, quad).
  const kq = (kFast: boolean, quads: number): [string, string] =>
    kFast ? [`v % ${tk}u`, `v / ${tk}u`] : [`v / ${quads}u`, `v % ${quads}u`];
  const [ak, aq] = kq(s.aAlongK, qa);
  const [bk, bq] = kq(!s.bAlongN, qb);
  const stage = (
    name: 'a' | 'b',
    quads: number,
    k: string,
    q: string,
    edge: string,
    base: string,
    along: string,
    across: string,
    read: (idx: string) => string,
  ) => [
    `  for (var j = 0u; j < ${(quads * tk) / group}u; j++) {`,
    `    let v = li + j * ${group}u; let k = ${k}; let q = ${q};`,
    `    let e = ${base} + q * 4u;`,
    `    var w = vec4<${t}>();`,
    `    if (k0 + k < K) {`,
    `      let p = ${name}o + i32(k0 + k) * ${along} + i32(e) * ${across};`,
    ...LANES.map((l, i) => `      if (e + ${i}u < ${edge}) { w.${l} = ${read(`p + ${i} * ${across}`)}; }`),
    '    }',
    `    t${name}[k * ${quads}u + q] = w;`,
    '  }',
  ];
  const acc = (g: number, i: number, h: number) => `c${g * 4 + i}_${h}`;
  return /* wgsl */ `
${matmulBindings(s)}
var<workgroup> ta: array<vec4<${t}>, ${qa * tk}>;
var<workgroup> tb: array<vec4<${t}>, ${qb * tk}>;

@compute @workgroup_size(${THREADS}, ${THREADS})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) li: u32) {
${operandPrologue(s, 'wid.z')}
  let row0 = wid.y * ${rows}u; let col0 = wid.x * ${cols}u;
${range(rm)
  .flatMap((r) => range(gb).map((h) => `  var ${acc(Math.floor(r / 4), r % 4, h)} = vec4<${t}>();`))
  .join('\n')}
  for (var k0 = 0u; k0 < K; k0 += ${tk}u) {
${stage('a', qa, ak, aq, 'M', 'row0', 'acs', 'ars', s.readA).join('\n')}
${stage('b', qb, bk, bq, 'N', 'col0', 'brs', 'bcs', s.readB).join('\n')}
    workgroupBarrier();
    for (var k = 0u; k < ${tk}u; k++) {
${range(ga)
  .map((g) => `      let a${g} = ta[k * ${qa}u + ${g * THREADS}u + lid.y];`)
  .join('\n')}
${range(gb)
  .map((h) => `      let b${h} = tb[k * ${qb}u + ${h * THREADS}u + lid.x];`)
  .join('\n')}
${range(ga)
  .flatMap((g) => range(4).flatMap((i) => range(gb).map((h) => `      ${acc(g, i, h)} += a${g}.${LANES[i]!} * b${h};`)))
  .join('\n')}
    }
    workgroupBarrier();
  }
  let base = wid.z * M * N;
${range(ga)
  .flatMap((g) =>
    range(4).map((i) =>
      [
        `  { let r = row0 + ${g * 4 * THREADS}u + lid.y * 4u + ${i}u;`,
        `    if (r < M) {`,
        ...range(gb).flatMap((h) => [
          `      let q${h} = col0 + ${h * 4 * THREADS}u + lid.x * 4u;`,
          ...LANES.map(
            (l, j) =>
              `      if (q${h} + ${j}u < N) { out[base + r * N + q${h} + ${j}u] = ${s.store(`${acc(g, i, h)}.${l}`)}; }`,
          ),
        ]),
        '    }',
        '  }',
      ].join('\n'),
    ),
  )
  .join('\n')}
}
`;
}
