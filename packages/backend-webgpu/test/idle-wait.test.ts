import { describe, expect, it } from 'vitest';
import { withoutSpinning } from '../src/idle-wait.js';

/** Settles after `ms` on a timer, as a GPU map settles after the driver's work. */
const later = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      if (fail) reject(new Error(String(value)));
      else resolve(value);
    }, ms),
  );

describe('withoutSpinning (waits for an emulated GPU napping, not spinning)', () => {
  it('resolves with the pending value and passes rejections through', async () => {
    await expect(withoutSpinning(later(5, 42))).resolves.toBe(42);
    await expect(withoutSpinning(later(5, 'lost', true))).rejects.toThrow('lost');
  });

  it('serves concurrent waits, settling each as its own promise settles', async () => {
    const order: number[] = [];
    await Promise.all([20, 5, 10].map((ms) => withoutSpinning(later(ms, ms)).then((v) => order.push(v))));
    expect(order).toEqual([5, 10, 20]);
  });

  it('naps instead of spinning: the thread is mostly asleep while a wait is pending', async () => {
    // Without naps the event loop would turn ~100k times in 50 ms; with 0.5 ms naps at most ~100.
    let turns = 0;
    let pending = true;
    const count = (): void => {
      turns++;
      if (pending) setImmediate(count);
    };
    setImmediate(count);
    await withoutSpinning(later(50, null));
    pending = false;
    expect(turns).toBeLessThan(200);
  });

  it('stops napping once nothing is pending, and starts again for a new wait', async () => {
    await withoutSpinning(Promise.resolve(1));
    let turns = 0;
    await new Promise<void>((resolve) => {
      const start = performance.now();
      const count = (): void => {
        turns++;
        if (performance.now() - start < 20) setImmediate(count);
        else resolve();
      };
      setImmediate(count);
    });
    // Free turns of the loop: far more than 20 ms of 0.5 ms naps would allow.
    expect(turns).toBeGreaterThan(200);
    await expect(withoutSpinning(later(5, 'again'))).resolves.toBe('again');
  });
});
