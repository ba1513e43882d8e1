import { getBackend, listDevices } from '../backend/registry.js';
import { ValueError } from '../errors.js';
import { cachedScalars } from '../ops/dispatch.js';
import { allCounts, recordHistory as record, stackedStorages, stacksRecorded } from './accounting.js';
import { userFrames } from './call-site.js';

/** One backend's memory, as {@link memory} reports it. */
export interface BackendMemoryInfo {
  /** Live tensor storages (a tensor and its views share one) that core watches. */
  tensors: number;
  /** Their bytes. */
  bytes: number;
  /**
   * Storages made that core does not watch, so not in `tensors` and `bytes` (made since the
   * process began; the collector reclaims them unseen). 0 means the two are exact: always on
   * WebGPU; on the CPU once `memory.recordHistory()` was on from the first tensor.
   */
  unwatched: number;
  /**
   * Of `tensors` and `bytes`: the scalar operands ops cache on the device (`x.mul(2)` in a loop
   * uploads 2 once), at most 512 per dtype. Values that change every step (a learning rate
   * schedule, Adam's bias corrections) come and go there, so a flat training loop's `tensors`
   * rise and fall within that bound; `tensors - cached.tensors` stays level.
   */
  cached: CachedScalars;
  /** What the backend reports of itself (`Backend.memory`): buffers, pools, pipelines. */
  device: Readonly<Record<string, number>>;
}

/** The scalar operands ops cache on a device (see {@link BackendMemoryInfo.cached}). */
export interface CachedScalars {
  /** How many (one storage each). */
  tensors: number;
  /** Their bytes. */
  bytes: number;
}

/** A place in user code that made tensors still alive, as `memory({ leaks: true })` lists them. */
export interface LeakSite {
  /** `file:line` of the first stack frame outside @ag/core. */
  site: string;
  /** Live storages made there. */
  tensors: number;
  /** Their bytes. */
  bytes: number;
  /** One of them's stack outside @ag/core, innermost frame first. */
  stack: string;
}

/** What `memory()` returns. */
export interface MemoryInfo {
  /** Live tensor storages core watches, all backends together (see {@link BackendMemoryInfo}). */
  tensors: number;
  /** Their bytes. */
  bytes: number;
  /** By backend name: the registered backends and any that made tensors. */
  backends: Record<string, BackendMemoryInfo>;
  /**
   * With `{ leaks: true }`: call sites of the live tensors made while history was recorded, most
   * bytes first (core's cached scalar operands left out).
   */
  leaks?: LeakSite[];
}

/** The implementation of `memory` (checks/public-scopes.ts exports it, documented there). */
export function memory(options: { leaks?: boolean } = {}): MemoryInfo {
  const backends: Record<string, BackendMemoryInfo> = {};
  let tensors = 0;
  let bytes = 0;
  const names = new Set([...listDevices(), ...allCounts().keys()]);
  for (const name of names) {
    const c = allCounts().get(name) ?? { storages: 0, bytes: 0, unwatched: 0 };
    const backend = listDevices().includes(name) ? getBackend(name) : null;
    backends[name] = {
      tensors: c.storages,
      bytes: c.bytes,
      unwatched: c.unwatched,
      cached: backend === null ? { tensors: 0, bytes: 0 } : cachedScalars(backend),
      device: figures(backend?.memory?.()),
    };
    tensors += c.storages;
    bytes += c.bytes;
  }
  const info: MemoryInfo = { tensors, bytes, backends };
  if (options.leaks === true) info.leaks = leakReport();
  return info;
}

/** The numbers among what a backend reports of itself. */
function figures(reported: object | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(reported ?? {})) if (typeof v === 'number') out[k] = v;
  return out;
}

function leakReport(): LeakSite[] {
  if (!stacksRecorded())
    throw new ValueError(
      'memory: got leaks: true, but no stacks were recorded to name where tensors were made; ' +
        'call memory.recordHistory() before making the tensors to list (it costs several microseconds per tensor)',
    );
  const sites = new Map<string, LeakSite>();
  for (const w of stackedStorages()) {
    const { site, stack } = userFrames(w.stack!);
    const s = sites.get(site);
    if (s === undefined) sites.set(site, { site, tensors: 1, bytes: w.bytes, stack });
    else {
      s.tensors++;
      s.bytes += w.bytes;
    }
  }
  return [...sites.values()].sort((a, b) => b.bytes - a.bytes || b.tensors - a.tensors);
}

/**
 * `memory.recordHistory()`: from now on, core watches every tensor storage made (a
 * FinalizationRegistry entry each, about a microsecond), so `memory()` counts exactly on every
 * backend, and records the stack where each is made (several microseconds more), for
 * `memory({ leaks: true })`. `{ stacks: false }` counts without stacks; `recordHistory(false)`
 * stops watching new storages (those watched stay counted until freed).
 * Like PyTorch's `torch.cuda.memory._record_memory_history()`: for development, not production.
 */
export function recordHistory(enabled = true, options: { stacks?: boolean } = {}): void {
  record(enabled, options.stacks ?? true);
}
