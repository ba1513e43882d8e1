/**
 * Tensor printing against PyTorch's `repr`. Every expected string is PyTorch's own output (from
 * its docs and tutorials, or torch/_tensor_str.py's algorithm worked by hand), never one taken
 * from this code.
 */
import { describe, expect, it } from 'vitest';
import { formatExp, formatFixed } from '../src/format/number-format.js';
import { formatRepr, type ReprInput } from '../src/format/repr.js';

/** A CPU leaf that doesn't require grad, with overrides. */
function repr(
  values: ArrayLike<number>,
  shape: readonly number[],
  extra: Partial<Omit<ReprInput, 'values' | 'shape'>> = {},
): string {
  return formatRepr({
    values,
    shape,
    dtype: 'float32',
    device: 'cpu',
    gradFnName: null,
    requiresGrad: false,
    ...extra,
  });
}

const filled = <T>(n: number, v: T): T[] => new Array<T>(n).fill(v);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('formatFixed (Python "{:.Nf}")', () => {
  it('rounds exact binary ties half-to-even, unlike toFixed', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(-2.5, 0)).toBe('-2');
  });

  it('rounds the exact binary value, not the shortest decimal', () => {
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
    expect(formatFixed(2.675, 2)).toBe('2.67');
    expect(formatFixed(Math.fround(0.6), 4)).toBe('0.6000');
    expect(formatFixed(1.12345, 4)).toBe('1.1235');
  });

  it('keeps the sign of negative zero and of negatives that round to zero', () => {
    expect(formatFixed(-0, 4)).toBe('-0.0000');
    expect(formatFixed(-0, 0)).toBe('-0');
    expect(formatFixed(-0.001, 2)).toBe('-0.00');
    expect(formatFixed(0, 4)).toBe('0.0000');
  });

  it('prints large and tiny values in full', () => {
    expect(formatFixed(1e21, 0)).toBe('1000000000000000000000');
    expect(formatFixed(5e-324, 4)).toBe('0.0000');
    expect(formatFixed(123.456, 1)).toBe('123.5');
  });

  it('spells non-finite values as Python does', () => {
    expect(formatFixed(NaN, 4)).toBe('nan');
    expect(formatFixed(Infinity, 4)).toBe('inf');
    expect(formatFixed(-Infinity, 0)).toBe('-inf');
  });
});

describe('formatExp (Python "{:.Ne}")', () => {
  it('writes at least two exponent digits', () => {
    expect(formatExp(1e8, 4)).toBe('1.0000e+08');
    expect(formatExp(1, 4)).toBe('1.0000e+00');
    expect(formatExp(1e-5, 4)).toBe('1.0000e-05');
    expect(formatExp(1e100, 4)).toBe('1.0000e+100');
    expect(formatExp(5e-324, 4)).toBe('4.9407e-324');
  });

  it('rounds ties half-to-even and carries into the exponent', () => {
    expect(formatExp(1.25, 1)).toBe('1.2e+00');
    expect(formatExp(1.75, 1)).toBe('1.8e+00');
    expect(formatExp(99999.5, 4)).toBe('1.0000e+05');
    expect(formatExp(9.5, 0)).toBe('1e+01');
    expect(formatExp(12345, 0)).toBe('1e+04');
  });

  it('handles zeros, signs and non-finite values', () => {
    expect(formatExp(0, 4)).toBe('0.0000e+00');
    expect(formatExp(-0, 4)).toBe('-0.0000e+00');
    expect(formatExp(-1997, 4)).toBe('-1.9970e+03');
    expect(formatExp(NaN, 4)).toBe('nan');
    expect(formatExp(-Infinity, 4)).toBe('-inf');
  });
});

describe('formatRepr: autograd suffixes', () => {
  it('prints requires_grad on leaves and grad_fn on results', () => {
    expect(repr([1, 1, 1, 1], [2, 2], { requiresGrad: true })).toBe(
      'tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)',
    );
    expect(repr([3, 3, 3, 3], [2, 2], { gradFnName: 'AddBackward0', requiresGrad: true })).toBe(
      'tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)',
    );
    expect(repr([3, 3, 3], [3], { gradFnName: 'MulBackward0', requiresGrad: true })).toBe(
      'tensor([3., 3., 3.], grad_fn=<MulBackward0>)',
    );
  });

  it('prints 0-d tensors', () => {
    expect(repr([36], [], { gradFnName: 'SumBackward0', requiresGrad: true })).toBe(
      'tensor(36., grad_fn=<SumBackward0>)',
    );
    expect(repr([36], [])).toBe('tensor(36.)');
    expect(repr([0.5], [])).toBe('tensor(0.5000)');
    expect(repr([-0.5], [])).toBe('tensor(-0.5000)');
    expect(repr([3], [], { dtype: 'int32' })).toBe('tensor(3)');
    expect(repr([1], [], { dtype: 'bool' })).toBe('tensor(True)');
    expect(repr([0.5], [], { dtype: 'float64' })).toBe('tensor(0.5000, dtype=torch.float64)');
  });

  it('moves a suffix to its own line when it would pass the line width', () => {
    // 'tensor([' + 9 * '0.5000' + 8 * ', ' + ']' is 79 characters; PyTorch counts a single
    // line as 2 longer, so 81 + 22 + 2 > 80 wraps.
    expect(repr(filled(9, 0.5), [9], { gradFnName: 'MulBackward0' })).toBe(
      'tensor([0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000],\n' +
        '       grad_fn=<MulBackward0>)',
    );
  });
});

describe('formatRepr: float notation', () => {
  it('uses fixed notation with 4 decimals, right-aligned', () => {
    const values = [Math.fround(0.6), 6, Math.fround(60.000003814697266)];
    expect(values[2]).toBe(60.000003814697266);
    expect(repr(values, [3])).toBe('tensor([ 0.6000,  6.0000, 60.0000])');
    expect(repr([-1.5, 2], [2])).toBe('tensor([-1.5000,  2.0000])');
    expect(repr([Math.fround(1.12345)], [1])).toBe('tensor([1.1235])');
  });

  it('uses int mode with a trailing dot when every value is whole', () => {
    expect(repr([1000000], [1])).toBe('tensor([1000000.])');
    expect(repr([1e8], [1])).toBe('tensor([100000000.])');
    expect(repr([0, 0], [2])).toBe('tensor([0., 0.])');
    expect(repr([-0, 1], [2])).toBe('tensor([-0., 1.])');
  });

  it('switches to scientific notation for wide ranges', () => {
    expect(repr([Math.fround(1e-5), 1], [2])).toBe('tensor([1.0000e-05, 1.0000e+00])');
    expect(repr([1e9], [1])).toBe('tensor([1.0000e+09])');
    expect(repr([1, 2000], [2])).toBe('tensor([1.0000e+00, 2.0000e+03])');
    expect(repr([123456789.5], [1], { dtype: 'float64' })).toBe('tensor([1.2346e+08], dtype=torch.float64)');
    expect(repr([-1e-5, 1], [2], { dtype: 'float64' })).toBe('tensor([-1.0000e-05,  1.0000e+00], dtype=torch.float64)');
  });

  it('pads nan and inf to the width of the finite values', () => {
    expect(repr([NaN, Infinity, 1], [3])).toBe('tensor([nan, inf, 1.])');
    expect(repr([NaN, 1.5], [2])).toBe('tensor([   nan, 1.5000])');
    expect(repr([NaN, 1e-5, 1], [3], { dtype: 'float64' })).toBe(
      'tensor([       nan, 1.0000e-05, 1.0000e+00], dtype=torch.float64)',
    );
    expect(repr([NaN], [1])).toBe('tensor([nan])');
    expect(repr([-Infinity, 2], [2])).toBe('tensor([-inf, 2.])');
  });

  it('leaves zeros out of the width', () => {
    expect(repr([-0, 0.5], [2])).toBe('tensor([-0.0000, 0.5000])');
  });
});

describe('formatRepr: ints and bools', () => {
  it('prints ints as Python ints', () => {
    expect(repr([1, 2, 3], [3], { dtype: 'int32' })).toBe('tensor([1, 2, 3])');
    expect(repr([1, 100], [2], { dtype: 'int32' })).toBe('tensor([  1, 100])');
    expect(repr([-1, 10], [2], { dtype: 'int32' })).toBe('tensor([-1, 10])');
  });

  it('prints bools as True and False', () => {
    expect(repr([1, 0], [2], { dtype: 'bool' })).toBe('tensor([ True, False])');
  });
});

describe('formatRepr: layout', () => {
  it('wraps a long vector at 80 columns', () => {
    // width 6, so floor((80 - 7) / 8) = 9 per line.
    const line9 = filled(9, '0.5000').join(', ');
    expect(repr(filled(20, 0.5), [20])).toBe(`tensor([${line9},\n        ${line9},\n        0.5000, 0.5000])`);
  });

  it('wraps the rows of a matrix one column further in', () => {
    // Rows start at indent 8: floor((80 - 8) / 8) = 9 per line.
    const line9 = filled(9, '0.5000').join(', ');
    const row = `${line9},\n         ${line9},\n         0.5000, 0.5000]`;
    expect(repr(filled(40, 0.5), [2, 20])).toBe(`tensor([[${row},\n        [${row}])`);
  });

  it('sets blocks of a 3-D tensor apart with a blank line', () => {
    expect(repr(range(8), [2, 2, 2])).toBe(
      'tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])',
    );
  });

  it('summarizes arange(2000.) as PyTorch does', () => {
    expect(repr(range(2000), [2000])).toBe(
      'tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n' + '        1.9990e+03])',
    );
    expect(repr(range(2000), [2000], { dtype: 'int32' })).toBe('tensor([   0,    1,    2,  ..., 1997, 1998, 1999])');
  });

  it('summarizes every long dimension of a matrix', () => {
    const row = '[0., 0., 0.,  ..., 0., 0., 0.]';
    expect(repr(filled(10000, 0), [100, 100])).toBe(
      `tensor([${[row, row, row, '...', row, row, row].join(',\n        ')}])`,
    );
    expect(repr(filled(2000, 0), [2, 1000])).toBe(`tensor([${row},\n        ${row}])`);
  });

  it('builds the formatter from the shown values only', () => {
    const values = filled(1001, 1);
    values[500] = 1e9;
    expect(repr(values, [1001])).toBe('tensor([1., 1., 1.,  ..., 1., 1., 1.])');
  });

  it('follows print options', () => {
    // The examples in torch.set_printoptions's docstring (its '...' has two spaces in real output).
    const leaf = { device: 'cpu', gradFnName: null, requiresGrad: false };
    expect(
      formatRepr(
        { ...leaf, values: [Math.fround(1.12345)], shape: [1], dtype: 'float32' },
        { precision: 2, threshold: 1000, edgeitems: 3, linewidth: 80 },
      ),
    ).toBe('tensor([1.12])');
    expect(
      formatRepr(
        { ...leaf, values: range(10), shape: [10], dtype: 'int32' },
        { precision: 4, threshold: 5, edgeitems: 3, linewidth: 80 },
      ),
    ).toBe('tensor([0, 1, 2,  ..., 7, 8, 9])');
  });
});

describe('formatRepr: empty tensors, dtypes and devices', () => {
  it('prints empty tensors with their size when it is not (0,)', () => {
    expect(repr([], [0])).toBe('tensor([])');
    expect(repr([], [0, 3])).toBe('tensor([], size=(0, 3))');
    expect(repr([], [2, 0, 1])).toBe('tensor([], size=(2, 0, 1))');
  });

  it('prints any non-default dtype of an empty tensor', () => {
    expect(repr([], [0], { dtype: 'int32' })).toBe('tensor([], dtype=torch.int32)');
    expect(repr([], [0, 3], { dtype: 'bool' })).toBe('tensor([], size=(0, 3), dtype=torch.bool)');
    expect(repr([], [0], { requiresGrad: true })).toBe('tensor([], requires_grad=True)');
  });

  it('prints float64 but not the dtypes values imply', () => {
    expect(repr([1, 2], [2], { dtype: 'float64' })).toBe('tensor([1., 2.], dtype=torch.float64)');
    expect(repr(new Float64Array([0.25]), [1], { dtype: 'float64' })).toBe('tensor([0.2500], dtype=torch.float64)');
  });

  // PyTorch prints float16/bfloat16 values as floats (their exact values, 4 decimals) and the
  // storage dtypes' suffixes as `dtype=torch.<name>`.
  it('prints the storage dtypes with their torch suffix', () => {
    expect(repr([1365 / 4096], [1], { dtype: 'float16' })).toBe('tensor([0.3333], dtype=torch.float16)');
    expect(repr([171 / 512, 1], [2], { dtype: 'bfloat16' })).toBe('tensor([0.3340, 1.0000], dtype=torch.bfloat16)');
    expect(repr([1, 2], [2], { dtype: 'float16' })).toBe('tensor([1., 2.], dtype=torch.float16)');
    expect(repr([0, 128, 255], [3], { dtype: 'uint8' })).toBe('tensor([  0, 128, 255], dtype=torch.uint8)');
    expect(repr([-128, 127], [2], { dtype: 'int8' })).toBe('tensor([-128,  127], dtype=torch.int8)');
    expect(repr([], [0], { dtype: 'uint8' })).toBe('tensor([], dtype=torch.uint8)');
  });

  it('prints devices other than the CPU first', () => {
    expect(repr([1, 2], [2], { device: 'webgpu' })).toBe("tensor([1., 2.], device='webgpu')");
    expect(repr([1, 2], [2], { device: 'webgpu', gradFnName: 'AddBackward0' })).toBe(
      "tensor([1., 2.], device='webgpu', grad_fn=<AddBackward0>)",
    );
    expect(repr([], [0, 3], { device: 'webgpu', dtype: 'float64' })).toBe(
      "tensor([], device='webgpu', size=(0, 3), dtype=torch.float64)",
    );
  });
});
