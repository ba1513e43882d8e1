import type { DType, NestedArray, Tensor } from '@ag/core';
import { full, tensor } from '@ag/core';
import type { Check, ErrorCase, OpCase, ScriptCase } from '../case.js';
import { TWIN_DEVICE } from '../case.js';

/**
 * float16, bfloat16, uint8 and int8: stored at their width, computed in float32 or int32 and
 * rounded (or wrapped) back, as PyTorch's CPU does. Expected values are closed forms: IEEE
 * binary16 (10 mantissa bits: 1/3 is 1365/4096, the spacing at 2048 is 2, 65504 the largest
 * finite) and bfloat16 (7 mantissa bits: 1/3 is 171/512), ties to even; 8-bit integers wrap
 * modulo 256, and a float becomes an 8-bit integer through int64, as c10's convert does.
 */

/** Exact values and dtype: storage must hold these bits, no tolerance. */
async function exact(check: Check, t: Tensor, dtype: DType, values: NestedArray, what: string): Promise<void> {
  check.equal(t.dtype, dtype, `${what}: dtype`);
  check.equal(await t.toArray(), values, `${what}: values`);
}

export const storageDtypeScripts = [
  {
    id: 'dtype/float16-stores-rounded-to-nearest-even',
    run: async (check) => {
      const values = [1 / 3, 65519, 65520, 2 ** -25, 3 * 2 ** -25, 1 + 2 ** -11, 1 + 3 * 2 ** -11, -0, 1e-9];
      const want = [1365 / 4096, 65504, Infinity, 0, 2 ** -23, 1, 1 + 2 ** -9, -0, 0];
      await exact(check, tensor(values, { dtype: 'float16' }), 'float16', want, 'tensor(..., float16)');
      const h = tensor(values).half();
      await exact(check, h, 'float16', want, 'float32.half()');
      await exact(check, h.float(), 'float32', want, 'half().float()');
      await exact(check, tensor([NaN, -Infinity], { dtype: 'float16' }), 'float16', [NaN, -Infinity], 'NaN and -inf');
      await exact(check, tensor([2, 3], { dtype: 'int32' }).half(), 'float16', [2, 3], 'int32.half()');
    },
  },
  {
    id: 'dtype/bfloat16-stores-rounded-to-nearest-even',
    run: async (check) => {
      const values = [1 / 3, Math.PI, 1 + 2 ** -8, 1 + 3 * 2 ** -8, 3.4028234663852886e38, 2 ** -133];
      const want = [171 / 512, 3.140625, 1, 1 + 2 ** -6, Infinity, 2 ** -133];
      await exact(check, tensor(values).bfloat16(), 'bfloat16', want, 'float32.bfloat16()');
      await exact(check, tensor(values, { dtype: 'bfloat16' }).float(), 'float32', want, 'round trip');
      // float16 and bfloat16 meet in float32, PyTorch's promotion.
      const mixed = tensor([1 / 3], { dtype: 'bfloat16' }).add(tensor([1 / 3], { dtype: 'float16' }));
      await exact(check, mixed, 'float32', [171 / 512 + 1365 / 4096], 'bfloat16 + float16');
    },
  },
  {
    id: 'dtype/float16-arithmetic-rounds-each-result',
    run: async (check) => {
      const a = tensor([1, 2048, 2048], { dtype: 'float16' });
      const b = tensor([2 ** -11, 1, 3], { dtype: 'float16' });
      // 1 + 2^-11 and 2048 + 1 are ties that go to the even neighbour; 2048 + 3 = 2051 goes to 2052.
      await exact(check, a.add(b), 'float16', [1, 2048, 2052], 'add');
      await exact(check, tensor([1], { dtype: 'float16' }).mul(1 / 3), 'float16', [1365 / 4096], 'mul by a float');
      await exact(check, tensor([3], { dtype: 'float16' }).exp(), 'float16', [20.078125], 'exp(3) = 20.0855...');
      // Sums accumulate in float32: 4096 ones make 4096 (a float16 accumulator stops at 2048),
      // 2049 ones make 2049, which rounds to 2048 (spacing 2).
      await exact(check, full([4096], 1, { dtype: 'float16' }).sum(), 'float16', 4096, 'sum of 4096 ones');
      await exact(check, full([2049], 1, { dtype: 'float16' }).sum(), 'float16', 2048, 'sum of 2049 ones');
      const m = tensor([[1, 2]], { dtype: 'float16' }).matmul(tensor([[3], [4]], { dtype: 'float16' }));
      await exact(check, m, 'float16', [[11]], 'matmul');
      await exact(check, a.gt(2047), 'bool', [false, true, true], 'compare with a scalar');
      await exact(
        check,
        tensor([1, 2], { dtype: 'float16' }).mul(tensor([0.5])),
        'float32',
        [0.5, 1],
        'float16 * float32',
      );
      const t = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: 'bfloat16' },
      );
      await exact(
        check,
        t.t().contiguous(),
        'bfloat16',
        [
          [1, 3],
          [2, 4],
        ],
        'strided copy',
      );
      await exact(check, t.max(), 'bfloat16', 4, 'max');
      await exact(check, t.argmax(), 'int32', 3, 'argmax');
      await exact(
        check,
        t.cumsum(0),
        'bfloat16',
        [
          [1, 2],
          [4, 6],
        ],
        'cumsum',
      );
    },
  },
  {
    id: 'dtype/float16-gradients-are-float16',
    run: async (check) => {
      const x = tensor([1, 2, 3], { dtype: 'float16', requiresGrad: true });
      const y = x.mul(x).sum();
      check.equal(y.gradFn?.name, 'SumBackward0', 'grad_fn');
      y.backward();
      await exact(check, x.grad!, 'float16', [2, 4, 6], 'd/dx sum(x^2)');
      const w = tensor([1, 2], { dtype: 'bfloat16', requiresGrad: true });
      const z = w
        .float()
        .mul(tensor([1 / 3, 3]))
        .sum();
      z.backward();
      // ToCopyBackward0 casts the float32 gradient back to bfloat16.
      await exact(check, w.grad!, 'bfloat16', [171 / 512, 3], 'through a cast');
    },
  },
  {
    id: 'dtype/uint8-and-int8-wrap-and-promote',
    run: async (check) => {
      const u = tensor(new Uint8Array([200, 100, 5]));
      await exact(check, u, 'uint8', [200, 100, 5], 'tensor(Uint8Array)');
      await exact(check, u.add(u), 'uint8', [144, 200, 10], 'add wraps modulo 256');
      await exact(check, u.sub(tensor(new Uint8Array([201, 0, 0]))), 'uint8', [255, 100, 5], 'sub wraps');
      await exact(check, u.mul(3), 'uint8', [88, 44, 15], 'mul by an int scalar stays uint8');
      // PyTorch gives int16 for uint8 with int8; ag has no int16 and gives int32.
      await exact(check, u.add(tensor(new Int8Array([-1, 2, 3]))), 'int32', [199, 102, 8], 'uint8 + int8');
      await exact(check, u.div(2), 'float32', [100, 50, 2.5], 'true division');
      await exact(check, u.add(0.5), 'float32', [200.5, 100.5, 5.5], 'a float scalar promotes');
      await exact(check, u.sum(), 'int32', 305, 'sum is int (PyTorch: int64)');
      await exact(check, u.gt(150), 'bool', [true, false, false], 'compare');
      await exact(check, u.half(), 'float16', [200, 100, 5], 'uint8.half()');
      const i = tensor(new Int8Array([127, -128, -5]));
      await exact(check, i.add(1), 'int8', [-128, -127, -4], 'int8 wraps');
      await exact(check, i.neg(), 'int8', [-127, -128, 5], 'neg of -128 wraps to itself');
      await exact(check, i.abs(), 'int8', [127, -128, 5], 'abs of -128 wraps to itself');
      await exact(check, i.float(), 'float32', [127, -128, -5], 'int8.float()');
      await exact(
        check,
        tensor(new Uint8Array([0, 2, 255]), { dtype: 'bool' }),
        'bool',
        [false, true, true],
        'bytes as a mask',
      );
    },
  },
  {
    id: 'dtype/casts-to-8-bit-go-through-int64',
    run: async (check) => {
      // c10 converts a float to uint8/int8 through int64: truncate toward zero, then wrap.
      await exact(check, tensor([300.7, -1.5, 2.9, 255]).byte(), 'uint8', [44, 255, 2, 255], 'float32.byte()');
      await exact(check, tensor([200.5, -129, -128.9]).char(), 'int8', [-56, 127, -128], 'float32.char()');
      await exact(check, tensor([true, false]).byte(), 'uint8', [1, 0], 'bool.byte()');
      await exact(check, tensor([256, -1], { dtype: 'int32' }).to('uint8'), 'uint8', [0, 255], 'int32 to uint8');
      await exact(check, tensor(new Uint8Array([255])).char(), 'int8', [-1], 'uint8 to int8');
      await exact(check, tensor(new Int8Array([-1, 0])).bool(), 'bool', [true, false], 'int8 to bool');
      await exact(check, tensor([2.75, -1.5]).half().to('int32'), 'int32', [2, -1], 'float16 to int32 truncates');
    },
  },
  {
    id: 'dtype/in-place-writes-into-storage-dtypes',
    run: async (check) => {
      const h = tensor([1, 2, 3, 4], { dtype: 'float16' });
      h.narrow(0, 1, 2).mul_(1 / 3);
      await exact(check, h, 'float16', [1, 2730 / 4096, 1, 4], 'narrow().mul_ rounds into float16');
      const u = tensor(new Uint8Array([250, 1, 2]));
      u.narrow(0, 0, 2).add_(10);
      await exact(check, u, 'uint8', [4, 11, 2], 'add_ wraps in place');
      const c = tensor(new Int8Array([0, 0, 0]));
      c.copy_(tensor([1.9, -200, 127]));
      await exact(check, c, 'int8', [1, 56, 127], 'copy_ from float32 casts through int64');
      const b = full([2, 2], 0, { dtype: 'bfloat16' });
      b.select(1, 0).fill_(1 / 3);
      await exact(
        check,
        b,
        'bfloat16',
        [
          [171 / 512, 0],
          [171 / 512, 0],
        ],
        'select().fill_',
      );
    },
  },
  {
    id: 'dtype/storage-dtypes-move-between-devices',
    run: async (check) => {
      for (const [dtype, values] of [
        ['float16', [1365 / 4096, -65504]],
        ['bfloat16', [171 / 512, 2 ** -133]],
        ['uint8', [0, 255]],
        ['int8', [-128, 127]],
      ] as const) {
        const t = tensor([...values], { dtype });
        const moved = t.to(TWIN_DEVICE);
        await exact(check, moved, dtype, [...values], `${dtype} to another device`);
        await exact(
          check,
          moved.to({ device: t.device, dtype: 'float32' }),
          'float32',
          [...values],
          `${dtype} back as float32`,
        );
      }
    },
  },
] as const satisfies readonly ScriptCase[];

/** Printed forms, as PyTorch prints these dtypes. */
export const storageDtypeCases = [
  {
    id: 'half/prints-torch-float16',
    inputs: [{ values: [1 / 3, 2], dtype: 'float16' }],
    run: (x) => x.mul(1),
    expected: [1365 / 4096, 2],
    dtype: 'float16',
    repr: 'tensor([0.3333, 2.0000], dtype=torch.float16)',
  },
  {
    id: 'bfloat16/prints-torch-bfloat16',
    inputs: [{ values: [1 / 3], dtype: 'bfloat16' }],
    run: (x) => x.add(0),
    expected: [171 / 512],
    dtype: 'bfloat16',
    repr: 'tensor([0.3340], dtype=torch.bfloat16)',
  },
  {
    id: 'byte/prints-torch-uint8',
    inputs: [{ values: [0, 128, 255], dtype: 'uint8' }],
    run: (x) => x.add(0),
    expected: [0, 128, 255],
    dtype: 'uint8',
    repr: 'tensor([  0, 128, 255], dtype=torch.uint8)',
  },
  {
    id: 'char/prints-torch-int8',
    inputs: [{ values: [-128, 127], dtype: 'int8' }],
    run: (x) => x.add(0),
    expected: [-128, 127],
    dtype: 'int8',
    repr: 'tensor([-128,  127], dtype=torch.int8)',
  },
] as const satisfies readonly OpCase[];

export const storageDtypeErrors = [
  {
    id: 'error/uint8-cannot-require-grad',
    inputs: () => [],
    run: () => tensor([1], { dtype: 'uint8', requiresGrad: true }),
    throws: /tensor: only tensors of floating point dtype can require gradients, got dtype uint8/,
    kind: 'dtype',
  },
  {
    id: 'error/tensor-value-overflows-uint8',
    inputs: () => [],
    run: () => tensor([1, 256], { dtype: 'uint8' }),
    throws: /tensor: value 256 cannot be converted to dtype uint8 without overflow \(range \[0, 255\]\)/,
    kind: 'value',
  },
  {
    id: 'error/tensor-value-overflows-int8',
    inputs: () => [],
    run: () => tensor([[-129]], { dtype: 'int8' }),
    throws: /tensor: value -129 cannot be converted to dtype int8 without overflow/,
    kind: 'value',
  },
  {
    id: 'error/uint16-array-is-ambiguous',
    inputs: () => [],
    run: () => tensor(new Uint16Array(2)),
    throws: /tensor: unsupported typed array Uint16Array; use .*Uint8Array \(uint8\) or Int8Array \(int8\)/,
    kind: 'argument',
  },
] as const satisfies readonly ErrorCase[];
