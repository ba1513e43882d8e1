import { ones, tensor, zeros } from '@ag/core';
import type { ErrorCase } from '../case.js';

/** The second device the harness registers: the backend under test under another name. */
export const TWIN_DEVICE = 'twin';

/** Bad input: each must fail with a message naming the op, the shapes or dtypes, and the fix. */
export const errorCases = [
  {
    id: 'error/broadcast-mismatch',
    inputs: () => [ones([2, 3], { requiresGrad: true }), ones([4])],
    run: (a, b) => a.add(b),
    throws: /add: shapes \[2, 3\] and \[4\] cannot be broadcast/,
  },
  {
    id: 'error/matmul-inner-sizes',
    inputs: () => [ones([2, 3]), ones([4, 5])],
    run: (a, b) => a.matmul(b),
    throws: /matmul: .*\(2x3 and 4x5\).*inner sizes must match/,
  },
  {
    id: 'error/requires-grad-on-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (a) => (a.requiresGrad = true),
    throws: /only tensors of floating point dtype can require gradients, got dtype int32/,
  },
  {
    id: 'error/requires-grad-option-on-int',
    inputs: () => [],
    run: () => zeros([2], { dtype: 'int32', requiresGrad: true }),
    throws: /zeros|full: only tensors of floating point dtype/,
  },
  {
    id: 'error/backward-non-scalar',
    inputs: () => [ones([3], { requiresGrad: true })],
    run: (x) => { x.mul(2).backward(); },
    throws: /grad can be implicitly created only for scalar outputs/,
  },
  {
    id: 'error/backward-gradient-shape',
    inputs: () => [ones([3], { requiresGrad: true })],
    run: (x) => { x.mul(2).backward(tensor([1, 1])); },
    throws: /backward: mismatch in shape: gradient has a shape of \[2\] and the output has a shape of \[3\]/,
  },
  {
    id: 'error/backward-without-grad',
    inputs: () => [ones([1])],
    run: (x) => { x.mul(2).backward(); },
    throws: /does not require grad and does not have a grad_fn/,
  },
  {
    id: 'error/item-many-elements',
    inputs: () => [ones([2, 3])],
    run: (x) => x.item(),
    throws: /item: a Tensor with 6 elements \(shape \[2, 3\]\) cannot be converted to a scalar/,
  },
  {
    id: 'error/mixed-devices',
    inputs: () => [ones([2]), ones([2], { device: TWIN_DEVICE })],
    run: (a, b) => a.mul(b),
    throws: /mul: expected all tensors to be on the same device, but found at least two devices, '.+' and 'twin'/,
  },
  {
    id: 'error/requires-grad-on-non-leaf',
    inputs: () => [ones([2], { requiresGrad: true })],
    run: (x) => (x.mul(2).requiresGrad = false),
    throws: /you can only change requiresGrad of leaf tensors; this one was made by MulBackward0/,
  },
  {
    id: 'error/ragged-nested-array',
    inputs: () => [],
    run: () => tensor([[1, 2], [3]]),
    throws: /tensor: expected sequence of length 2 at dim 1 \(got length 1\)/,
  },
  {
    id: 'error/reshape-size',
    inputs: () => [ones([2, 3])],
    run: (x) => x.reshape(4, 2),
    throws: /reshape: shape \[4, 2\] is invalid for input of size 6/,
  },
  {
    id: 'error/sum-dim-out-of-range',
    inputs: () => [ones([2, 3])],
    run: (x) => x.sum(2),
    throws: /sum: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
  },
  {
    id: 'error/mean-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (x) => x.mean(),
    throws: /mean: .*floating point dtype, got int32/,
  },
  // elementwise math and activations
  { id: 'error/gelu-of-int', inputs: () => [tensor([1, 2], { dtype: 'int32' })], run: (x) => x.gelu(), throws: /gelu: expected a floating point tensor .*got dtype int32/ },
  { id: 'error/softmax-of-int', inputs: () => [tensor([1, 2], { dtype: 'int32' })], run: (x) => x.softmax(0), throws: /softmax: expected a floating point tensor .*got dtype int32/ },
  { id: 'error/softmax-dim-out-of-range', inputs: () => [ones([2, 3])], run: (x) => x.logSoftmax(2), throws: /logSoftmax: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/ },
  { id: 'error/frac-of-int', inputs: () => [tensor([1, 2], { dtype: 'int32' })], run: (x) => x.frac(), throws: /frac: not supported for int32/ },
  { id: 'error/neg-of-bool', inputs: () => [tensor([true, false])], run: (x) => x.neg(), throws: /neg: negation on a bool tensor is not supported.*got dtype bool/ },
  { id: 'error/remainder-of-bool', inputs: () => [tensor([true]), tensor([true])], run: (a, b) => a.remainder(b), throws: /remainder: not supported for bool tensors/ },
  { id: 'error/sub-of-bool', inputs: () => [tensor([true]), tensor([false])], run: (a, b) => a.sub(b), throws: /sub: subtraction.*bool.*logicalXor/ },
  { id: 'error/div-bad-rounding-mode', inputs: () => [ones([2])], run: (x) => x.div(2, { roundingMode: 'round' as 'floor' }), throws: /div: expected roundingMode to be one of null, 'trunc' or 'floor', got 'round'/ },
  { id: 'error/addcdiv-int-tensors', inputs: () => [ones([2]), tensor([1, 2], { dtype: 'int32' }), tensor([1, 2], { dtype: 'int32' })], run: (x, a, b) => x.addcdiv(a, b), throws: /addcdiv: integer division .* no longer supported.*int32 and int32/ },
  { id: 'error/clamp-no-bounds', inputs: () => [ones([2])], run: (x) => x.clamp(), throws: /clamp: at least one of 'min' or 'max' must not be None/ },
  { id: 'error/lerp-of-int', inputs: () => [tensor([1, 2], { dtype: 'int32' }), tensor([3, 4], { dtype: 'int32' })], run: (a, b) => a.lerp(b, 0.5), throws: /lerp: expected floating point tensors .*got dtype int32/ },
  { id: 'error/gelu-bad-approximate', inputs: () => [ones([2])], run: (x) => x.gelu('fast' as 'tanh'), throws: /gelu: approximate must be 'none' or 'tanh', got 'fast'/ },
] as const satisfies readonly ErrorCase[];
