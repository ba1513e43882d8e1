import { AutogradError, DTypeError, DeviceError, autograd, ones, tensor } from '@ag/core';
import { TWIN_DEVICE } from '../case.js';
import { bad } from './entry.js';
import { indices, leaf } from './helpers.js';

/**
 * Misuse of the graph. Where the error comes at backward, the scene lists the leaves: a failed
 * backward must not have written any of their grads.
 */
export const autogradEntries = [
  bad({
    name: 'backward: twice through a freed graph',
    setup: () => {
      const x = leaf();
      const y = x.mul(x).sum();
      y.backward();
      return { tensors: [x, y] };
    },
    call: ({ tensors: [, y] }) => {
      y!.backward();
    },
    throws: AutogradError,
    message: /MulBackward0: trying to backward through the graph a second time/,
  }),
  bad({
    name: 'autograd.grad: twice through a freed graph',
    setup: () => {
      const x = leaf();
      const y = x.mul(x).sum();
      autograd.grad(y, [x]);
      return { tensors: [x, y] };
    },
    call: ({ tensors: [x, y] }) => autograd.grad(y!, [x!]),
    throws: AutogradError,
    message: /MulBackward0: trying to backward through the graph a second time/,
  }),
  bad({
    name: 'backward: a non-scalar output without a gradient',
    setup: () => {
      const x = leaf();
      return { tensors: [x, x.mul(2)] };
    },
    call: ({ tensors: [, y] }) => {
      y!.backward();
    },
    throws: AutogradError,
    message: /backward: grad can be implicitly created only for scalar outputs; this output has shape \[2\]/,
  }),
  bad({
    name: 'backward: an output that does not require grad',
    setup: () => ({ tensors: [ones([2]).sum()] }),
    call: ({ tensors: [y] }) => {
      y!.backward();
    },
    throws: AutogradError,
    message: /backward: element 0 of tensors does not require grad and does not have a grad_fn/,
  }),
  bad({
    name: 'autograd.grad: an input that does not require grad',
    setup: () => {
      const x = leaf();
      return { tensors: [x, ones([2]), x.sum()] };
    },
    call: ({ tensors: [, z, y] }) => autograd.grad(y!, [z!]),
    throws: AutogradError,
    message: /grad: one of the differentiated Tensors \(input 0\) does not require grad/,
  }),
  bad({
    name: 'backward: an input of sin modified in place after it was saved',
    setup: () => {
      const x = leaf();
      const a = x.mul(1);
      const y = a.sin().sum();
      a.add_(1);
      return { tensors: [x, a, y] };
    },
    call: ({ tensors: [, , y] }) => {
      y!.backward();
    },
    throws: AutogradError,
    message:
      /SinBackward0: one of the variables needed for gradient computation has been modified by an inplace operation.*is at version 1; expected version 0/,
  }),
  bad({
    // The sum's other branch reaches x directly: x.grad must stay null all the same.
    name: 'backward: a saved tensor modified in place, with a branch that needs it not',
    setup: () => {
      const x = leaf();
      const a = x.mul(1);
      const y = a.sin().sum().add(x.sum());
      a.add_(1);
      return { tensors: [x, a, y] };
    },
    call: ({ tensors: [, , y] }) => {
      y!.backward();
    },
    throws: AutogradError,
    message:
      /SinBackward0: one of the variables needed for gradient computation has been modified by an inplace operation/,
  }),
  bad({
    name: 'backward: a multiplier modified in place after it was saved',
    setup: () => {
      const x = leaf();
      const w = tensor([3, 4]);
      const y = x.mul(w).sum();
      w.add_(1);
      return { tensors: [x, w, y] };
    },
    call: ({ tensors: [, , y] }) => {
      y!.backward();
    },
    throws: AutogradError,
    message:
      /MulBackward0: one of the variables needed for gradient computation has been modified by an inplace operation/,
  }),
  bad({
    name: 'backward: a gradient of another dtype',
    setup: () => {
      const x = leaf();
      return { tensors: [x, x.mul(2), indices([1, 1])] };
    },
    call: ({ tensors: [, y, g] }) => {
      y!.backward(g);
    },
    throws: DTypeError,
    message: /backward: the gradient has dtype int32 but the output has dtype float32/,
  }),
  bad({
    name: 'backward: a gradient on another device',
    setup: () => {
      const x = leaf();
      return { tensors: [x, x.mul(2), ones([2], { device: TWIN_DEVICE })] };
    },
    call: ({ tensors: [, y, g] }) => {
      y!.backward(g);
    },
    throws: DeviceError,
    message: /backward: the gradient is on device 'twin' but the output is on '.+'/,
  }),
  bad({
    name: 'zero_: in place on a leaf that requires grad',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [x] }) => x!.zero_(),
    throws: AutogradError,
    message: /zero_: a leaf Variable that requires grad is being used in an in-place operation/,
  }),
  bad({
    name: 'add_: in place on a leaf that requires grad',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [x] }) => x!.add_(1),
    throws: AutogradError,
    message: /add_: a leaf Variable that requires grad is being used in an in-place operation/,
  }),
  bad({
    name: 'mul_: in place on a leaf that requires grad',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [x] }) => x!.mul_(2),
    throws: AutogradError,
    message: /mul_: a leaf Variable that requires grad is being used in an in-place operation/,
  }),
  bad({
    name: 'add_: in place on a view of a leaf that requires grad',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [x] }) => x!.view([2]).add_(1),
    throws: AutogradError,
    message: /add_: a view of a leaf Variable that requires grad is being used in an in-place operation/,
  }),
];
