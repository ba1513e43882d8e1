import type { Slot } from './buffer-pool.js';

/** A tensor's 32-bit words kept on the host: f32 for float32, i32 for every other dtype (as on the device). */
export type HostWords = Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer>;

/**
 * A tensor's storage: a pooled slot of 32-bit words on the GPU (f32 for float32, i32 for int32
 * and bool, so every kernel indexes all dtypes alike) and its element count. A small tensor may
 * instead hold its words on the host (host.ts): its slot is made and written the first time a
 * kernel asks for `buffer`. The host copy stays (a cached scalar operand read by one device
 * kernel still serves host ops after) until a kernel writes the slot in place (`written`).
 */
export class GpuStorage {
  freed = false;

  constructor(
    private readonly place: (words: HostWords) => Slot,
    /** Called when host words are dropped (written over on the device, or freed). */
    private readonly forget: () => void,
    readonly size: number,
    private slot: Slot | null,
    /** The values, while they live on the host only; null once on the device. */
    private words: HostWords | null = null,
  ) {}

  /** The GPU slot, uploading the host values into a fresh one first if they are still on the host. */
  get buffer(): Slot {
    this.slot ??= this.place(this.words!);
    return this.slot;
  }

  /** The host values, or null where only the device holds them (or they are freed). */
  get host(): HostWords | null {
    return this.words;
  }

  /** The slot if the values are on the device, without moving them there. */
  get placed(): Slot | null {
    return this.slot;
  }

  /** Moves the values to the device for good: a kernel is about to write the slot in place. */
  written(): void {
    if (this.words === null) return;
    this.slot ??= this.place(this.words);
    this.drop();
  }

  /** Marks the storage freed and forgets its host values; the caller releases `placed`. */
  release(): void {
    this.freed = true;
    this.drop();
  }

  private drop(): void {
    if (this.words === null) return;
    this.words = null;
    this.forget();
  }
}
