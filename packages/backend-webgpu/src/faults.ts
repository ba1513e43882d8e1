/**
 * What went wrong on the device, kept until the user can hear it. GPU errors arrive
 * asynchronously (error scopes, the device-lost promise), after the kernel that caused them has
 * returned, so they are recorded here and thrown by the next kernel call or read: a failed
 * kernel never shows up as silent zeros.
 */
export class FaultLog {
  private first: Error | null = null;
  private readonly pending = new Set<Promise<void>>();
  lost: string | null = null;

  /**
   * Records the error a scope reports, if any, as `what` (with the shader when given). `what`
   * may be a function, called only on an error: a batch's kernel names cost a set and a join.
   */
  watch(scope: Promise<GPUError | null>, what: string | (() => string), source?: string): void {
    const p = scope.then(
      (error) => {
        if (error === null) return;
        const label = typeof what === 'string' ? what : what();
        this.record(
          new Error(`webgpu: ${label}: ${error.message}${source === undefined ? '' : `\n--- WGSL ---\n${source}`}`),
        );
      },
      () => undefined,
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  record(error: Error): void {
    this.first ??= error;
  }

  /** Throws the first fault, or the device loss, with what to do about it. */
  check(): void {
    if (this.lost !== null) {
      throw new Error(
        `webgpu: the GPU device was lost (${this.lost}); its tensors are gone. Create a new backend with \`await webgpu()\` and register it again`,
      );
    }
    if (this.first !== null) throw this.first;
  }

  /** Waits for the error scopes still open, then throws what they reported. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    this.check();
  }
}
