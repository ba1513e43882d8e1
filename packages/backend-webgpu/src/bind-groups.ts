import type { Slot } from './buffer-pool.js';

/** One level of the cache's tree: the next key's levels, and the group whose keys end here. */
interface Level {
  readonly next: Map<unknown, Level>;
  group?: GPUBindGroup;
}

/** Groups kept before the cache starts over (a long run of distinct buffers cannot grow it without bound). */
const MAX_GROUPS = 4096;

/**
 * Tensor bind groups reused by layout and slots. The buffer pool hands the same slots back
 * step after step (the lowest-numbered free one first, buffer-pool.ts), so a training loop or a
 * repeated chain of ops finds its groups here instead of paying Dawn's bind-group creation
 * (layouts.ts says why that matters). Slots that only the garbage collector returns are new
 * ones each step, and so are their groups. Keys are the slot objects themselves (each is one
 * range of one buffer for good), walked as a tree of maps: no strings, no ids. A group holds its
 * buffers, so the cache is cleared whenever a buffer it may hold is destroyed (pool trim).
 */
export class BindGroupCache {
  private root: Level = { next: new Map() };
  private count = 0;

  get(layout: GPUBindGroupLayout, keys: readonly (Slot | GPUBuffer)[]): GPUBindGroup | undefined {
    let level = this.root.next.get(layout);
    for (let i = 0; i < keys.length && level !== undefined; i++) level = level.next.get(keys[i]);
    return level?.group;
  }

  set(layout: GPUBindGroupLayout, keys: readonly (Slot | GPUBuffer)[], group: GPUBindGroup): void {
    if (this.count >= MAX_GROUPS) this.clear();
    let level = step(this.root, layout);
    for (const k of keys) level = step(level, k);
    if (level.group === undefined) this.count++;
    level.group = group;
  }

  clear(): void {
    this.root = { next: new Map() };
    this.count = 0;
  }
}

function step(level: Level, key: unknown): Level {
  let next = level.next.get(key);
  if (next === undefined) level.next.set(key, (next = { next: new Map() }));
  return next;
}
