import { DeviceError, OutOfMemoryError } from '@ag/core';

/**
 * What went wrong on the device, kept until the user can hear it. GPU errors arrive
 * asynchronously (error scopes, uncaptured-error events, the device-lost promise), after the
 * kernel that caused them has returned, so they are recorded here and thrown by the next kernel
 * call or read: a failed kernel never shows up as silent zeros.
 *
 * A fault stays: once a kernel failed, the tensors computed from it hold garbage, and a later
 * read of one of them must not look valid (as a CUDA error poisons PyTorch's context). A lost
 * device stays lost. Either way the way on is a new backend.
 */
export class FaultLog {
  private first: Error | null = null;
  private readonly pending = new Set<Promise<void>>();
  lost: string | null = null;

  /**
   * Routes the device's errors here: those no error scope of ours caught (a path without one,
   * or the user's own use of the device), and its loss.
   */
  constructor(device: GPUDevice) {
    device.addEventListener('uncapturederror', (event) => {
      // Recorded here instead: the default would only print it to the console.
      event.preventDefault();
      this.record(describe(event.error, 'uncaptured GPU error (outside the error scopes of ag)'));
    });
    void device.lost.then((info) => {
      this.lost = `${info.reason}${info.message === '' ? '' : `: ${info.message}`}`;
    });
  }

  /**
   * Records the error a scope reports, if any, as `what` (with the shader when given). `what`
   * may be a function, called only on an error: a batch's kernel names cost a set and a join.
   */
  watch(scope: Promise<GPUError | null>, what: string | (() => string), source?: string): void {
    const p = scope.then(
      (error) => {
        if (error === null) return;
        const label = typeof what === 'string' ? what : what();
        this.record(describe(error, label, source));
      },
      // A scope rejects only when none was pushed, a bug of ours that a later check would not explain.
      (e: unknown) => {
        this.record(new DeviceError(`webgpu: ${typeof what === 'string' ? what : what()}: ${String(e)}`));
      },
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /**
   * Runs `create` (a buffer's creation) inside validation and out-of-memory scopes, so that a
   * refusal names what was being made; the scopes cost a microsecond or two, so callers guard
   * the large creations, where running out of memory happens, and leave the rest to the
   * uncaptured-error route.
   */
  guard<T>(device: GPUDevice, what: string, create: () => T): T {
    device.pushErrorScope('validation');
    device.pushErrorScope('out-of-memory');
    try {
      return create();
    } finally {
      this.watch(device.popErrorScope(), what);
      this.watch(device.popErrorScope(), what);
    }
  }

  record(error: Error): void {
    this.first ??= error;
  }

  /** The DeviceError a lost device gives every use of its tensors, with what to do about it. */
  lostError(): DeviceError {
    return new DeviceError(
      `webgpu: the GPU device was lost (${this.lost ?? 'unknown reason'}); its tensors are gone. ` +
        'Create a new backend with `await webgpu()`, register it again (`registerBackend`), and recreate the tensors from host values',
    );
  }

  /** Throws the device loss, or the first fault, with what to do about it. */
  check(): void {
    if (this.lost !== null) throw this.lostError();
    if (this.first !== null) throw this.first;
  }

  /** Waits for the error scopes still open, then throws what they reported. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    this.check();
  }
}

/** Our error for a GPU error: OutOfMemoryError for the device's out-of-memory errors, else DeviceError. */
function describe(error: GPUError, what: string, source?: string): Error {
  const message = `webgpu: ${what}: ${error.message}${source === undefined ? '' : `\n--- WGSL ---\n${source}`}`;
  if (isOutOfMemory(error)) return new OutOfMemoryError(message);
  return new DeviceError(
    `${message}\n(results computed on this device from here on are not valid; create a new backend with \`await webgpu()\`)`,
  );
}

function isOutOfMemory(error: GPUError): boolean {
  // Dawn in Node defines the class under `globals` only: its constructor's name is what is sure.
  return error.constructor.name === 'GPUOutOfMemoryError';
}
