import { DTypeError, DeviceError, ValueError, cat, nn, ones, tensor, where } from '@ag/core';
import { TWIN_DEVICE } from '../case.js';
import { bad } from './entry.js';
import { indices } from './helpers.js';

/**
 * Dtypes an op does not take, tensors on two devices (the backend under test registered a second
 * time as TWIN_DEVICE), unknown devices, and tensors used after dispose().
 */
export const dtypeDeviceEntries = [
  bad({
    name: 'bitwiseAnd: float tensors',
    setup: () => ({ tensors: [ones([2]), ones([2])] }),
    call: ({ tensors: [a, b] }) => a!.bitwiseAnd(b!),
    throws: DTypeError,
    message: /bitwiseAnd: expected integer or bool tensors, got dtype float32/,
  }),
  bad({
    name: 'add_: a float result into an int32 tensor',
    setup: () => ({ tensors: [indices([1, 2]), tensor([0.5, 1])] }),
    call: ({ tensors: [a, b] }) => a!.add_(b!),
    throws: DTypeError,
    message: /add_: result type float32 can't be cast to the desired output type int32/,
  }),
  bad({
    name: 'sqrt_: in place on an int32 tensor',
    setup: () => ({ tensors: [indices([4, 9])] }),
    call: ({ tensors: [a] }) => a!.sqrt_(),
    throws: DTypeError,
    message: /sqrt_: result type float32 can't be cast to the desired output type int32/,
  }),
  bad({
    name: 'matmul: float32 with int32',
    setup: () => ({ tensors: [ones([2, 2]), indices([1, 2, 3, 4]).reshape([2, 2])] }),
    call: ({ tensors: [a, b] }) => a!.matmul(b!),
    throws: DTypeError,
    message: /matmul: expected both tensors to have the same dtype, but got float32 and int32/,
  }),
  bad({
    name: 'where: a float condition',
    setup: () => ({ tensors: [ones([2]), ones([2]), ones([2])] }),
    call: ({ tensors: [c, a, b] }) => where(c!, a!, b!),
    throws: DTypeError,
    message: /where: expected condition to be a bool tensor, got dtype float32/,
  }),
  bad({
    name: 'mean: an int32 tensor',
    setup: () => ({ tensors: [indices([1, 2])] }),
    call: ({ tensors: [a] }) => a!.mean(),
    throws: DTypeError,
    message: /mean: could not infer output dtype. Input dtype must be a floating point dtype, got int32/,
  }),
  bad({
    name: 'gather: a float index tensor',
    setup: () => ({ tensors: [ones([2, 3]), ones([1, 1])] }),
    call: ({ tensors: [a, i] }) => a!.gather(1, i!),
    throws: DTypeError,
    message: /gather: expected index to be an int32 tensor \(PyTorch: int64\), got dtype float32/,
  }),
  bad({
    name: 'index: a float index tensor',
    setup: () => ({ tensors: [ones([3]), ones([2])] }),
    call: ({ tensors: [a, i] }) => a!.index(i!),
    throws: DTypeError,
    message: /index: tensors used as indices must be int32 \(PyTorch: long\) or bool tensors, got dtype float32/,
  }),
  bad({
    name: 'Embedding: float indices',
    setup: () => ({ module: new nn.Embedding(4, 2), tensors: [tensor([1])] }),
    call: ({ module, tensors: [i] }) => module(i!),
    throws: DTypeError,
    message: /Embedding: expected int32 indices, got float32 of shape \[1\]/,
  }),
  bad({
    name: 'requiresGrad_: an int32 tensor',
    setup: () => ({ tensors: [indices([1])] }),
    call: ({ tensors: [a] }) => a!.requiresGrad_(),
    throws: DTypeError,
    message: /requiresGrad: only tensors of floating point dtype can require gradients, got dtype int32/,
  }),
  bad({
    name: 'tensor: an int32 tensor that requires grad',
    setup: () => ({}),
    call: () => tensor([1], { dtype: 'int32', requiresGrad: true }),
    throws: DTypeError,
    message: /tensor: only tensors of floating point dtype can require gradients, got dtype int32/,
  }),
  bad({
    name: 'add: tensors on two devices',
    setup: () => ({ tensors: [ones([2]), ones([2], { device: TWIN_DEVICE })] }),
    call: ({ tensors: [a, b] }) => a!.add(b!),
    throws: DeviceError,
    message: /add: expected all tensors to be on the same device, but found at least two devices, '.+' and 'twin'/,
  }),
  bad({
    name: 'matmul: tensors on two devices',
    setup: () => ({ tensors: [ones([2, 2]), ones([2, 2], { device: TWIN_DEVICE })] }),
    call: ({ tensors: [a, b] }) => a!.matmul(b!),
    throws: DeviceError,
    message: /matmul: expected all tensors to be on the same device/,
  }),
  bad({
    name: 'cat: tensors on two devices',
    setup: () => ({ tensors: [ones([2]), ones([2], { device: TWIN_DEVICE })] }),
    call: ({ tensors: [a, b] }) => cat([a!, b!]),
    throws: DeviceError,
    message: /cat: expected all tensors to be on the same device/,
  }),
  bad({
    name: 'Linear: input on another device than the weights',
    setup: () => ({ module: new nn.Linear(2, 2), tensors: [ones([1, 2], { device: TWIN_DEVICE })] }),
    call: ({ module, tensors: [x] }) => module(x!),
    throws: DeviceError,
    message: /expected all tensors to be on the same device, but found at least two devices/,
  }),
  bad({
    name: 'ones: an unknown device',
    setup: () => ({}),
    call: () => ones([2], { device: 'nowhere' }),
    throws: DeviceError,
    message: /no backend registered for device 'nowhere' \(registered: .*'twin'/,
  }),
  bad({
    name: 'to: an unknown device',
    setup: () => ({ tensors: [ones([2])] }),
    call: ({ tensors: [a] }) => a!.to('nowhere'),
    throws: DeviceError,
    message: /no backend registered for device 'nowhere'/,
  }),
  bad({
    name: 'Module.to: an unknown device',
    setup: () => ({ module: new nn.Linear(2, 2) }),
    call: ({ module }) => module.to('nowhere'),
    throws: DeviceError,
    message: /no backend registered for device 'nowhere'/,
  }),
  bad({
    name: 'sub: two bool tensors',
    setup: () => ({ tensors: [tensor([true, false]), tensor([true, true])] }),
    call: ({ tensors: [a, b] }) => a!.sub(b!),
    throws: DTypeError,
    message: /sub: subtraction, the `-` operator, with two bool tensors is not supported/,
  }),
  bad({
    name: 'add: a disposed tensor',
    setup: () => {
      const a = tensor([1, 2]);
      a.dispose();
      return { tensors: [a] };
    },
    call: ({ tensors: [a] }) => a!.add(1),
    throws: ValueError,
    message: /Tensor of shape \[2\] was disposed \(t\.dispose\(\)\) and cannot be used/,
  }),
  bad({
    name: 'mul: a disposed second operand',
    setup: () => {
      const b = tensor([1, 2]);
      b.dispose();
      return { tensors: [tensor([3, 4]), b] };
    },
    call: ({ tensors: [a, b] }) => a!.mul(b!),
    throws: ValueError,
    message: /Tensor of shape \[2\] was disposed/,
  }),
  bad({
    name: 'toArray: reading a disposed tensor',
    setup: () => {
      const a = tensor([1, 2]);
      a.dispose();
      return { tensors: [a] };
    },
    call: ({ tensors: [a] }) => a!.toArray(),
    throws: ValueError,
    message: /the tensor was disposed; its values are gone/,
  }),
];
