import type { View } from '@ag/core';
import { IndexError } from '@ag/core';
import type { Slot } from './buffer-pool.js';
import type { GpuStorage } from './runtime.js';
import { MAIN, PRELUDE, stridedMeta } from './wgsl/prelude.js';

/** STORAGE | COPY_SRC | COPY_DST. */
const WORDS_USAGE = 128 | 4 | 8;
/** Describers kept for checks no read has covered yet; past this, the oldest go (a fault then gets a generic message). */
const MAX_PENDING = 4096;

/**
 * Index values checked on the GPU (`Backend.checkIndices`): core cannot look at them without a
 * read back, so a kernel compares each with its bounds and the first bad one sets two words, a
 * code naming the check and the value; every read that follows checks copies the words beside
 * its values and throws the check's message if they are set. So, as with CUDA's device-side
 * asserts, a bad index is reported by the next read, not by the op (PyTorch CUDA does the same),
 * and never turns silently into a value read out of bounds.
 *
 * Metadata: `stridedMeta` over the index, then size, ignore, whether there is an ignore value, code.
 */
const SOURCE = [
  PRELUDE,
  '@group(1) @binding(1) var<storage, read> idx: array<i32>;',
  '@group(1) @binding(2) var<storage, read_write> fault: array<atomic<i32>>;',
  MAIN,
  '  let m = 3u + 2u * u32(md[1]);',
  '  let v = idx[at(0u, i)];',
  '  if ((v < 0 || v >= md[m]) && (md[m + 2u] == 0 || v != md[m + 1u])) {',
  '    loop {',
  // Weak: it may fail spuriously, so retry until it succeeds or another check got there first.
  '      let r = atomicCompareExchangeWeak(&fault[0], 0, md[m + 3u]);',
  '      if (r.exchanged) { atomicStore(&fault[1], v); break; }',
  '      if (r.old_value != 0) { break; }',
  '    }',
  '  }',
  '}',
].join('\n');

type Run = (name: string, source: string, buffers: readonly Slot[], meta: readonly number[], threads: number) => void;

type ErrorClass = new (message: string) => Error;

/** A recorded check: the words its failure says, and the class of error it throws. */
interface Check {
  readonly describe: (value: number) => string;
  readonly Kind: ErrorClass;
}

export class IndexChecks {
  private words: Slot | null = null;
  private readonly describers = new Map<number, Check>();
  private nextCode = 1;

  constructor(
    private readonly device: GPUDevice,
    private readonly run: Run,
  ) {}

  /** Records the check of `index` against [0, size) (and `ignore`); a failure throws `Kind`. */
  record(
    index: View<GpuStorage>,
    size: number,
    ignore: number | null,
    describe: (value: number) => string,
    Kind: ErrorClass = IndexError,
  ): void {
    const n = index.shape.reduce((p, q) => p * q, 1);
    if (n === 0) return;
    this.words ??= {
      buffer: this.device.createBuffer({ size: 8, usage: WORDS_USAGE, label: 'ag:index-faults' }),
      offset: 0,
      size: 8,
    };
    const code = this.nextCode++;
    this.describers.set(code, { describe, Kind });
    if (this.describers.size > MAX_PENDING) this.describers.delete(this.describers.keys().next().value!);
    const meta = [...stridedMeta(index.shape, [index]), size, ignore ?? 0, ignore === null ? 0 : 1, code];
    this.run('checkIndices', SOURCE, [index.storage.buffer, this.words], meta, n);
  }

  /** The fault words, when checks were recorded that no read has covered yet. */
  pending(): Slot | null {
    return this.describers.size > 0 ? this.words : null;
  }

  /** The last code recorded: a read flushed now covers the checks up to it. */
  mark(): number {
    return this.nextCode - 1;
  }

  /**
   * After a read that copied the words (`code`, `value`) and covers the checks up to `covered`:
   * forgets those checks, and returns the error to throw if one of them failed (its words are
   * cleared, so the fault is reported once).
   */
  verify(code: number, value: number, covered: number): Error | null {
    const check = this.describers.get(code);
    for (const c of this.describers.keys()) {
      if (c > covered) break;
      this.describers.delete(c);
    }
    if (code === 0) return null;
    this.device.queue.writeBuffer(this.words!.buffer, 0, new Int32Array(2));
    const what = check?.describe(value) ?? `an index (${value}) was out of range`;
    return new (check?.Kind ?? IndexError)(
      `${what} (checked on the GPU in work before this read; values computed from it are not valid)`,
    );
  }
}
