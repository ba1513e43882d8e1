import { keep } from '../memory/scope.js';
import { tensor } from '../ops/creation.js';
import type { Tensor } from '../tensor.js';

/**
 * The bias corrections' scalars of one step, made once and shared by every parameter. Through
 * the shared scalar cache (ops/dispatch.ts) two new values a step would fill it, and every
 * constant in it would be made again each time it is cleared.
 */
export class StepScalars {
  private step = 0;
  private readonly made = new Map<string, Tensor>();

  get(step: number, value: number, like: Tensor): Tensor {
    if (step !== this.step) {
      // Last step's values are done with: their memory goes back now, not when collected.
      for (const t of this.made.values()) t.dispose();
      this.made.clear();
      this.step = step;
    }
    const key = `${like.device} ${like.dtype} ${value}`;
    let t = this.made.get(key);
    if (t === undefined) {
      t = keep(tensor(value, { dtype: like.dtype, device: like.device }));
      this.made.set(key, t);
    }
    return t;
  }
}
