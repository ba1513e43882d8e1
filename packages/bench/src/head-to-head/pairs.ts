/**
 * The head-to-head pairs: ag against the peer its target names, on the work the target names.
 * Each pair runs in one process of its own, both sides prepared there and their runs interleaved
 * (run-pair.ts), because two contenders measured in separate processes minutes apart on a shared
 * machine never see the same load, and their ratio swings with it.
 */
export interface Pair {
  /** What the child process is given, and what filters match. */
  readonly id: string;
  /** A row of `ROWS` (workloads.ts). */
  readonly row: string;
  /** Names in `CONTENDERS` (peers/index.ts). */
  readonly ag: string;
  readonly peer: string;
  /** The least times-faster (peer's time over ag's) that meets the target; none: measured only. */
  readonly target?: number;
}

function pair(ag: string, peer: string, row: string, target?: number): Pair {
  return { id: `${ag} vs ${peer}: ${row}`, row, ag, peer, ...(target === undefined ? {} : { target }) };
}

/**
 * Every pair was checked to share a process: ag and tfjs keep separate global state (tfjs's
 * backend registry, ag's), the WebGPU ones share the one Dawn instance (peers/dawn.ts), and
 * jax-js's big stack (NEEDS_BIG_STACK) is given to the whole process when either side needs it.
 */
export const PAIRS: readonly Pair[] = [
  ...['matmul-256', 'matmul-512', 'matmul-1024', 'mlp-step'].map((row) => pair('ag webgpu', 'tfjs webgpu', row, 1.5)),
  // The per-op cost of tiny tensors on the GPU, where tfjs runs small ops on the CPU.
  pair('ag webgpu', 'tfjs webgpu', 'chain', 1),
  // Every CPU row against the fastest peer on it (tfjs-wasm's XNNPACK kernels, or jax-js jit on the
  // step it compiles whole): at least level, and twice tfjs-wasm on matmul 1024.
  ...['matmul-128', 'matmul-256', 'matmul-512'].map((row) => pair('ag cpu', 'tfjs wasm', row, 1)),
  pair('ag cpu', 'tfjs wasm', 'matmul-1024', 2),
  ...['add', 'relu-affine', 'sum', 'softmax', 'conv2d'].map((row) => pair('ag cpu', 'tfjs wasm', row, 1)),
  // Memory-bound work within 1.5x of a preallocated loop over the same bytes (times faster >= 1/1.5).
  ...['add', 'relu-affine', 'sum'].map((row) => pair('ag cpu', 'plain js', row, 1 / 1.5)),
  // "ag's step at most half jax-js eager's time" and 1.5x jax-js jit, which compiles the whole step.
  pair('ag cpu', 'jax-js wasm', 'mlp-step', 2),
  pair('ag cpu', 'jax-js wasm jit', 'mlp-step', 1.5),
  // The chain on 0-d and on small tensors: tfjs cpu is the fastest peer on both.
  ...['chain', 'chain-small'].map((row) => pair('ag cpu', 'tfjs cpu', row, 1)),
  pair('ag cpu', 'tfjs wasm', 'transformer-step', 1.5),
  pair('ag webgpu', 'tfjs webgpu', 'transformer-step', 1.5),
];

/** The pairs every filter names part of (a side, the row or "vs"); all of them without filters. */
export function selectPairs(filters: readonly string[], pairs: readonly Pair[] = PAIRS): Pair[] {
  return pairs.filter((p) => filters.every((f) => p.id.includes(f)));
}
