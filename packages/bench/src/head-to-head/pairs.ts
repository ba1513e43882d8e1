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
  // No target: the per-op cost of tiny tensors on the GPU, where tfjs runs small ops on the CPU.
  pair('ag webgpu', 'tfjs webgpu', 'chain'),
  pair('ag cpu', 'tfjs wasm', 'matmul-1024', 1.5),
  pair('ag cpu', 'tfjs wasm', 'matmul-512'),
  // "ag's step at most half jax-js eager's time" and "no slower than jax-js jit".
  pair('ag cpu', 'jax-js wasm', 'mlp-step', 2),
  pair('ag cpu', 'jax-js wasm jit', 'mlp-step', 1),
];

/** The pairs every filter names part of (a side, the row or "vs"); all of them without filters. */
export function selectPairs(filters: readonly string[], pairs: readonly Pair[] = PAIRS): Pair[] {
  return pairs.filter((p) => filters.every((f) => p.id.includes(f)));
}
