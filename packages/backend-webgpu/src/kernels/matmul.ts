import type { DType, View } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType, convert, wgslType } from '../wgsl/convert.js';
import { DIRECT_BLOCK, DIRECT_GROUP, directSource, directWidth } from '../wgsl/matmul-direct.js';
import type { OperandSource } from '../wgsl/matmul-operands.js';
import type { Tile } from '../wgsl/matmul-tile.js';
import { matmulSource, tileSize } from '../wgsl/matmul-tile.js';
import { PRELUDE } from '../wgsl/prelude.js';

type V = View<GpuStorage>;

/**
 * The tile shapes on offer, with a relative cost per multiply-add: a bigger register block reads
 * less workgroup memory per multiply-add (8 x 8: 16 values for 64, 4 x 4: 8 for 16).
 */
const TILES: readonly { tile: Tile; cost: number }[] = [
  { tile: { rm: 8, cn: 8, tk: 16 }, cost: 1 },
  { tile: { rm: 8, cn: 4, tk: 16 }, cost: 1.3 },
  { tile: { rm: 4, cn: 8, tk: 16 }, cost: 1.3 },
  { tile: { rm: 4, cn: 4, tk: 32 }, cost: 1.6 },
];
/** Workgroups a real GPU needs to fill its multiprocessors (an H100 has 132). */
const GPU_GROUPS = 128;
/**
 * Below this many multiply-adds an emulated GPU takes the direct kernel (matmul-direct.ts), one
 * pipeline per dtype and batch rank for every shape: compiling a shader costs llvmpipe seconds,
 * and the tiled kernel's staging and padding dominate small products (a model's small layers).
 */
const SMALL_WORK = 1 << 21;

/** From this many multiply-adds a product is submitted as soon as it is recorded. */
const SUBMIT_WORK = 1 << 22;

/**
 * The direct kernel's cost per multiply-add against the tiles' (8 x 8: 1), from its throughput
 * against an 8 x 8 tile that pads nothing, measured on llvmpipe (docs/performance.md). It pads
 * only to blocks of 4 (invocations past the edge return at once), so it wins where a tile pads
 * much: thin products such as a convolution's.
 */
const DIRECT_COST = 1.4;

/**
 * The kernel for a product: the direct one on an emulated GPU for small products and for those
 * whose best tile would cost more for its padding, else the best tile.
 */
export function chooseKernel(m: number, n: number, k: number, batch: number, cpu: boolean): Tile | 'direct' {
  if (cpu && m * n * k * batch < SMALL_WORK) return 'direct';
  const best = bestTile(m, n, batch, cpu);
  const up4 = (x: number) => Math.ceil(x / 4) * 4;
  return cpu && up4(m) * up4(n) * batch * DIRECT_COST < best.score ? 'direct' : best.tile;
}

/** Whether a product runs on the direct kernel rather than a tile. */
export function isDirect(m: number, n: number, k: number, batch: number, cpu: boolean): boolean {
  return chooseKernel(m, n, k, batch, cpu) === 'direct';
}

/**
 * The tile for an m x n output: the least work, counting the padding at the edges (which an
 * emulated GPU computes for real) and the cost per multiply-add, and on a real GPU a penalty for
 * leaving multiprocessors idle (fewer than GPU_GROUPS workgroups).
 */
export function chooseTile(m: number, n: number, batch: number, cpu: boolean): Tile {
  return bestTile(m, n, batch, cpu).tile;
}

/** The best tile and its score: padded multiply-adds per step of k, times the cost of each. */
function bestTile(m: number, n: number, batch: number, cpu: boolean): { tile: Tile; score: number } {
  let best = TILES[0]!;
  let bestScore = Infinity;
  for (const option of TILES) {
    const { rows, cols } = tileSize(option.tile);
    const groups = Math.ceil(m / rows) * Math.ceil(n / cols) * batch;
    const padded = groups * rows * cols;
    const idle = cpu ? 1 : Math.max(1, GPU_GROUPS / groups);
    const score = padded * option.cost * idle;
    if (score < bestScore) [best, bestScore] = [option, score];
  }
  return { tile: best.tile, score: bestScore };
}

/**
 * Batched matmul over strided operands (matmul-tile.ts has the tiling). A and B are read through
 * their strides, so transposed views, which the backward pass produces, and broadcast batches
 * need no copy. What changes with the layout is only which invocation stages which vec4 of a
 * tile: neighbouring invocations walk the operand's contiguous dimension, so their global loads
 * coalesce (A row-major: along k, A transposed: along m; B row-major: along n, B transposed:
 * along k). Layout and tile are part of the source, hence of the pipeline key. Edges (any M, N,
 * K) stage zeros and skip stores outside C. The batch is the grid's z. Metadata: [M, K, N, batch
 * rank, batch shape..., A offset, A batch strides..., A row stride, A col stride, then B's].
 */
export function matmul(rt: Runtime, a: V, b: V, out: DType): GpuStorage {
  checkDType(out, 'matmul');
  const c: DType = out === 'bool' ? 'float32' : out;
  const nd = a.shape.length;
  const [m, k, n] = [a.shape[nd - 2]!, a.shape[nd - 1]!, b.shape[nd - 1]!];
  const batchShape = a.shape.slice(0, nd - 2);
  const batch = batchShape.reduce((p, q) => p * q, 1);
  const res = rt.alloc(batch * m * n, 'matmul');
  if (batch * m * n === 0) return res;
  const br = batchShape.length;
  const operand = (v: V) => [v.offset, ...v.strides.slice(0, nd - 2), v.strides[nd - 2]!, v.strides[nd - 1]!];
  const meta = [m, k, n, br, ...batchShape, ...operand(a), ...operand(b)];
  const as = out === 'bool' ? 'bool' : c;
  const read = (v: V, name: string) => (idx: string) => convert(convert(`${name}[u32(${idx})]`, v.dtype, as), as, c);
  const operands: OperandSource = {
    t: wgslType(c),
    ta: wgslType(a.dtype),
    tb: wgslType(b.dtype),
    tout: wgslType(out),
    readA: read(a, 'a'),
    readB: read(b, 'b'),
    store: (v) => convert(v, c, out),
    br,
    aBase: 4 + br,
    bBase: 4 + 2 * br + 3,
  };
  const types = `${a.dtype}|${b.dtype}|${out}|${br}`;
  const buffers = [a.storage.buffer, b.storage.buffer, res.buffer];
  const kernel = chooseKernel(m, n, k, batch, rt.emulated);
  if (kernel === 'direct') {
    const wx = directWidth(n);
    const groups = [
      Math.ceil(n / (wx * DIRECT_BLOCK)),
      Math.ceil(m / ((DIRECT_GROUP / wx) * DIRECT_BLOCK)),
      batch,
    ] as const;
    rt.runGroups(
      'matmul',
      { key: `matmul|direct|${types}`, build: () => PRELUDE + directSource(operands) },
      buffers,
      [...meta, wx],
      groups,
    );
    return res;
  }
  const tile = kernel;
  // An emulated GPU gains nothing from coalescing: one staging order there halves the variants to compile.
  const aAlongK = rt.emulated || a.strides[nd - 1] === 1;
  const bAlongN = rt.emulated || b.strides[nd - 1] === 1 || b.strides[nd - 2] !== 1;
  // Everything the source depends on, so a cache hit builds no WGSL (pipelines.ts).
  const key = `matmul|${tile.rm}x${tile.cn}x${tile.tk}|${String(aAlongK)}|${String(bAlongN)}|${types}`;
  const build = () => PRELUDE + matmulSource({ ...operands, tile, aAlongK, bAlongN });
  const { rows, cols } = tileSize(tile);
  rt.runGroups('matmul', { key, build }, buffers, meta, [Math.ceil(n / cols), Math.ceil(m / rows), batch]);
  // Big products are submitted at once, so the GPU starts on them while JavaScript records the
  // rest of the step (a training step's first matmul otherwise waits for its whole backward pass
  // to be recorded), which shortens an MLP step on llvmpipe (docs/performance.md).
  if (m * n * k * batch >= SUBMIT_WORK) rt.batch.flush();
  return res;
}
