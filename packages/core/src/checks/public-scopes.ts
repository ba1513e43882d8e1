import * as random from '../random.js';
import { keep as rawKeep, tidy as rawTidy } from '../memory/scope.js';
import { memory as rawMemory, recordHistory } from '../memory/memory.js';
import { checked, checkedAll } from './checked.js';
import { MEMORY_HISTORY, SCOPES } from './signatures.js';

/**
 * The generator's functions, `tidy`, `keep` and `memory` as @ag/core exports them: behind their lines of
 * signatures.ts (the Generator class and the default generator object as they are).
 */
const raw = {
  manualSeed: random.manualSeed,
  seed: random.seed,
  initialSeed: random.initialSeed,
  getRngState: random.getRngState,
  setRngState: random.setRngState,
  tidy: rawTidy,
  keep: rawKeep,
  memory: rawMemory,
};

export { Generator, defaultGenerator } from '../random.js';

const checkedScopes = checkedAll(raw, SCOPES satisfies Record<keyof typeof raw, string>);

export const { manualSeed, seed, initialSeed, getRngState, setRngState, tidy, keep } = checkedScopes;

/**
 * Memory held by tensors, like tfjs's `tf.memory()` and PyTorch's `torch.cuda.memory_allocated()`:
 * live tensor storages and their bytes, in all and by backend, with what each backend reports of
 * itself (WebGPU: live and pooled buffers and bytes, pipelines; CPU: the arrays its pool keeps).
 *
 * A storage leaves the counts when disposed (`dispose()`, `tidy`) or collected. Core sees every
 * collection on WebGPU; the CPU's storages are reclaimed by the garbage collector unseen, so
 * there they are counted as `unwatched` unless `memory.recordHistory()` is on. Counting adds
 * no per-tensor cost beyond two additions.
 *
 * `memory({ leaks: true })` adds a leak report: the places in your code (`file:line`, the first
 * stack frame outside @ag/core) that made the tensors still alive, grouped, with counts and
 * bytes, most bytes first. Capturing a stack costs several microseconds per tensor, so only
 * tensors made after `memory.recordHistory()` are listed; without it, `leaks: true` throws a
 * ValueError. Run the garbage collector first (`node --expose-gc`, `gc()`) to list only
 * tensors something still holds.
 *
 * @example
 * ```ts example
 * import { memory, ones } from '@ag/core';
 *
 * memory.recordHistory();
 * const kept = ones([256]);
 * ones([4]).dispose();
 * const { leaks } = memory({ leaks: true });
 * console.log(leaks?.length, leaks?.[0]?.tensors, leaks?.[0]?.bytes, kept.shape);
 * memory.recordHistory(false);
 * ```
 *
 * ```text
 * 1 1 1024 [ 256 ]
 * ```
 */
export const memory: typeof rawMemory & { recordHistory: typeof recordHistory } = Object.assign(checkedScopes.memory, {
  recordHistory: checked('memory.recordHistory', MEMORY_HISTORY, recordHistory),
});
