import type { Tensor } from '@ag/core';
import { tensor } from '@ag/core';
import { describe, expect, it } from 'vitest';
import { HOST_ELEMENTS } from '../src/backend.js';
import type { WebGPUBackend } from '../src/index.js';
import { nodeBackend, useBackend, values } from './gpu.js';

/**
 * Small tensors computed on the host (host.ts): the same values as on the device, on both sides
 * of the size limit. Each case runs on a backend with the host path and on one without it, and
 * both must equal a plain loop in float64 rounded to float32 after every op (the correctly
 * rounded float32 result, which WGSL requires of +, - and *).
 */
const withHost = await nodeBackend();
const deviceOnly = withHost === null ? null : await nodeBackend({ hostElements: 0 });

const f = Math.fround;

/** Row-major values of `x` (a plain array of numbers) at its shape, from `data` at `strides`. */
function strided(data: Float32Array, shape: readonly number[], strides: readonly number[], offset = 0): number[] {
  const out: number[] = [];
  const walk = (d: number, at: number): void => {
    if (d === shape.length) {
      out.push(data[at]!);
      return;
    }
    for (let i = 0; i < shape[d]!; i++) walk(d + 1, at + i * strides[d]!);
  };
  walk(0, offset);
  return out;
}

function cases(gpu: WebGPUBackend, where: string): void {
  describe(`small elementwise ops, ${where}`, () => {
    useBackend(gpu);

    for (const n of [HOST_ELEMENTS, HOST_ELEMENTS + 1]) {
      it(`add, sub, mul, neg of ${n} elements equal float32 arithmetic`, async () => {
        const [a, b] = [values(n, 1), values(n, 2)];
        const [x, y] = [tensor(a), tensor(b)];
        expect(await x.add(y).toArray()).toEqual(Array.from(a, (v, i) => f(v + b[i]!)));
        expect(await x.sub(y).toArray()).toEqual(Array.from(a, (v, i) => f(v - b[i]!)));
        expect(await x.mul(y).toArray()).toEqual(Array.from(a, (v, i) => f(v * b[i]!)));
        expect(await x.neg().toArray()).toEqual(Array.from(a, (v) => -v));
        // A chain: every op rounds.
        const chain = await x.mul(1.0001).add(y).mul(x).sub(0.25).toArray();
        expect(chain).toEqual(Array.from(a, (v, i) => f(f(f(f(v * f(1.0001)) + b[i]!) * v) - 0.25)));
      });

      it(`broadcast, transposed and offset views (${n} elements)`, async () => {
        const cols = n % 2 === 0 ? 2 : 1;
        const rows = n / cols;
        const [a, b] = [values(n, 3), values(cols, 4)];
        const x = tensor(a).reshape([rows, cols]);
        const row = tensor(b);
        const want = strided(a, [rows, cols], [cols, 1]).map((v, i) => f(v * b[i % cols]!));
        expect(Array.from(await x.mul(row).toTypedArray())).toEqual(want);
        const t = x.transpose(0, 1);
        const wantT = strided(a, [cols, rows], [1, cols]).map((v) => f(v + 0.5));
        expect(Array.from(await t.add(0.5).toTypedArray())).toEqual(wantT);
        expect(Array.from(await t.contiguous().toTypedArray())).toEqual(strided(a, [cols, rows], [1, cols]));
        const tail = tensor(a).narrow(0, 1, n - 1);
        expect(await tail.sub(tensor(a).narrow(0, 0, n - 1)).toArray()).toEqual(
          Array.from(a.subarray(1), (v, i) => f(v - a[i]!)),
        );
      });
    }

    it('the gradient of a scalar chain, forward and backward', async () => {
      const x = tensor(0.5, { requiresGrad: true });
      let y: Tensor = x;
      let [want, grad] = [f(0.5), 1];
      for (let i = 0; i < 200; i++) {
        if (i % 2 === 0) {
          y = y.mul(1.0001);
          want = f(want * f(1.0001));
          grad = f(grad * f(1.0001));
        } else {
          y = y.add(0.0001);
          want = f(want + f(0.0001));
        }
      }
      y.backward();
      expect(await y.item()).toBe(want);
      expect(await x.grad!.item()).toBe(grad);
    });

    it('int32 wraps and float division stays a device kernel', async () => {
      expect(
        await tensor([2 ** 31 - 1, 5], { dtype: 'int32' })
          .add(1)
          .toArray(),
      ).toEqual([-(2 ** 31), 6]);
      expect(await tensor([46341], { dtype: 'int32' }).mul(46341).toArray()).toEqual([Math.imul(46341, 46341)]);
      const q = await tensor([1, 2])
        .div(tensor([3, 7]))
        .toTypedArray();
      expect(Math.abs(q[0]! - 1 / 3)).toBeLessThan(1e-6);
      expect(Math.abs(q[1]! - 2 / 7)).toBeLessThan(1e-6);
    });
  });
}

if (withHost !== null) cases(withHost, 'with the host path');
if (deviceOnly !== null) cases(deviceOnly, 'on the device only');

describe.runIf(withHost !== null)('small tensors on the host', () => {
  const gpu = withHost!;
  useBackend(gpu);

  it('a small chain launches no kernel; a larger tensor stays on the device', async () => {
    const before = gpu.memory();
    const small = tensor(values(HOST_ELEMENTS, 5)).mul(2).add(1);
    expect(gpu.memory().liveStorages).toBe(before.liveStorages);
    expect(gpu.memory().hostStorages).toBeGreaterThan(before.hostStorages);
    const large = tensor(values(HOST_ELEMENTS + 1, 5)).mul(2);
    expect(gpu.memory().liveStorages).toBeGreaterThan(before.liveStorages);
    await Promise.all([small.toArray(), large.toArray()]);
  });

  it('int32 ops and division run as device kernels, even on small operands', async () => {
    for (const make of [() => tensor([1, 2], { dtype: 'int32' }).add(1), () => tensor([1, 2]).div(tensor([3, 7]))]) {
      const before = gpu.memory().liveStorages;
      const y = make();
      expect(gpu.memory().liveStorages).toBeGreaterThan(before);
      await y.toArray();
    }
  });

  it('a device kernel reads a host tensor, which still serves host ops after', async () => {
    const a = values(8, 6);
    const x = tensor(a);
    const sum = await x.sum().item();
    expect(Math.abs(sum - a.reduce((p, v) => p + v, 0))).toBeLessThan(1e-5);
    expect(await x.mul(3).toArray()).toEqual(Array.from(a, (v) => f(v * 3)));
  });

  it('an in-place write on the device leaves no stale host copy', async () => {
    const [a, b] = [values(6, 7), values(6, 8)];
    const p = tensor(a);
    p.sub_(tensor(b).mul(0.5));
    const after = Array.from(a, (v, i) => f(v - f(b[i]! * 0.5)));
    expect(await p.toArray()).toEqual(after);
    expect(await p.mul(2).toArray()).toEqual(after.map((v) => f(v * 2)));
  });

  it("a view's gradient (zeros, then the view's elements added on the device)", async () => {
    const x = tensor([0.25, -0.5, 0.75], { requiresGrad: true });
    x.narrow(0, 1, 2)
      .mul(tensor([3, -2]))
      .sum()
      .backward();
    expect(await x.grad!.toArray()).toEqual([0, 3, -2]);
  });
});
