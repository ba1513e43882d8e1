import { ShapeError, cat, functional, linalg, mm, ones, stack, tensor, where } from '@ag/core';
import { bad } from './entry.js';
import { indices, leaf } from './helpers.js';

/** Shapes that do not broadcast, match or divide, on ops (tensors only; layers are in layers.ts). */
export const shapeEntries = [
  bad({
    name: 'add: shapes that do not broadcast',
    setup: () => ({ tensors: [ones([2, 3]), ones([4])] }),
    call: ({ tensors: [a, b] }) => a!.add(b!),
    throws: ShapeError,
    message: /add: shapes \[2, 3\] and \[4\] cannot be broadcast.*size 3 does not match size 4/,
  }),
  bad({
    name: 'mul_: in place into a smaller shape',
    setup: () => ({ tensors: [tensor([1, 2, 3]), ones([2, 3])] }),
    call: ({ tensors: [a, b] }) => a!.mul_(b!),
    throws: ShapeError,
    message: /mul_: output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/,
  }),
  bad({
    name: 'copy_: a source that does not broadcast to the destination',
    setup: () => ({ tensors: [tensor([1, 2, 3]), tensor([7, 8])] }),
    call: ({ tensors: [a, b] }) => a!.copy_(b!),
    throws: ShapeError,
    message: /copy_: the source of shape \[2\] cannot be broadcast to the destination's shape \[3\]/,
  }),
  bad({
    name: 'set: a value that does not broadcast to the slice',
    setup: () => ({ tensors: [tensor([1, 2, 3]), tensor([7, 8])] }),
    call: ({ tensors: [a, b] }) => a!.set(':', b!),
    throws: ShapeError,
    message: /set: the source of shape \[2\] cannot be broadcast to the destination's shape \[3\]/,
  }),
  bad({
    name: 'maskedFill_: a mask that does not broadcast',
    setup: () => ({ tensors: [tensor([1, 2, 3]), tensor([true, false])] }),
    call: ({ tensors: [a, m] }) => a!.maskedFill_(m!, 0),
    throws: ShapeError,
    message: /maskedFill: mask of shape \[2\] cannot be broadcast to the input's shape \[3\]/,
  }),
  bad({
    name: 'clamp_: a bound that does not broadcast',
    setup: () => ({ tensors: [tensor([1, 2, 3]), tensor([2, 2])] }),
    call: ({ tensors: [a, lo] }) => a!.clamp_(lo),
    throws: ShapeError,
    message: /clamp: shapes \[3\] and \[2\] cannot be broadcast/,
  }),
  bad({
    name: 'where: branches that do not broadcast with the condition',
    setup: () => ({ tensors: [tensor([true, false]), ones([3]), ones([3])] }),
    call: ({ tensors: [c, a, b] }) => where(c!, a!, b!),
    throws: ShapeError,
    message: /where: shapes \[2\] and \[3\] cannot be broadcast/,
  }),
  bad({
    name: 'matmul: inner sizes differ',
    setup: () => ({ tensors: [ones([2, 3]), ones([2, 3])] }),
    call: ({ tensors: [a, b] }) => a!.matmul(b!),
    throws: ShapeError,
    message: /matmul: .*cannot be multiplied \(2x3 and 2x3\)/,
  }),
  bad({
    name: 'mm: a 3-D operand',
    setup: () => ({ tensors: [ones([2, 2, 2]), ones([2, 2])] }),
    call: ({ tensors: [a, b] }) => mm(a!, b!),
    throws: ShapeError,
    message: /mm: expected two 2-D matrices, got a 3-D tensor of shape \[2, 2, 2\]/,
  }),
  bad({
    name: 'cat: sizes differ outside the joined dim',
    setup: () => ({ tensors: [ones([2, 3]), ones([2, 4])] }),
    call: ({ tensors: [a, b] }) => cat([a!, b!], 0),
    throws: ShapeError,
    message: /cat: sizes of tensors must match except in dimension 0. Expected size 3 but got size 4/,
  }),
  bad({
    name: 'stack: tensors of different shapes',
    setup: () => ({ tensors: [ones([2, 3]), ones([3, 2])] }),
    call: ({ tensors: [a, b] }) => stack([a!, b!]),
    throws: ShapeError,
    message: /stack: expects each tensor to be equal size, but got \[2, 3\] at entry 0 and \[3, 2\] at entry 1/,
  }),
  bad({
    name: 'reshape: a shape of another size',
    setup: () => ({ tensors: [ones([2, 3])] }),
    call: ({ tensors: [a] }) => a!.reshape([4, 2]),
    throws: ShapeError,
    message: /reshape: shape \[4, 2\] is invalid for input of size 6/,
  }),
  bad({
    name: 'view: flattening a transposed tensor',
    setup: () => ({ tensors: [ones([2, 3])] }),
    call: ({ tensors: [a] }) => a!.transpose(0, 1).view([6]),
    throws: ShapeError,
    message: /view: size \[6\] is not compatible with input tensor's size \[3, 2\] and stride \[1, 3\]/,
  }),
  bad({
    name: 'view: two inferred sizes',
    setup: () => ({ tensors: [ones([6])] }),
    call: ({ tensors: [a] }) => a!.view([-1, -1]),
    throws: ShapeError,
    message: /view: only one dimension can be inferred \(-1\), got \[-1, -1\]/,
  }),
  bad({
    name: 'expand: a non-singleton size changed',
    setup: () => ({ tensors: [ones([2])] }),
    call: ({ tensors: [a] }) => a!.expand([3]),
    throws: ShapeError,
    message: /expand: the expanded size of the tensor \(3\) must match the existing size \(2\)/,
  }),
  bad({
    name: 'repeat: fewer repeats than dims',
    setup: () => ({ tensors: [ones([2, 3])] }),
    call: ({ tensors: [a] }) => a!.repeat([2]),
    throws: ShapeError,
    message: /repeat: number of dimensions of repeat dims \(1\) can not be smaller than .* \(2, shape \[2, 3\]\)/,
  }),
  bad({
    name: 'gather: index of another rank',
    setup: () => ({ tensors: [ones([2, 3]), indices([0])] }),
    call: ({ tensors: [a, i] }) => a!.gather(1, i!),
    throws: ShapeError,
    message:
      /gather: index tensor must have the same number of dimensions as input tensor: index is \[1\], input is \[2, 3\]/,
  }),
  bad({
    name: 'scatterAdd: index larger than the source',
    setup: () => ({ tensors: [tensor([0, 0, 0]), indices([0, 1]), ones([1])] }),
    call: ({ tensors: [a, i, s] }) => a!.scatterAdd(0, i!, s!),
    throws: ShapeError,
    message: /scatterAdd: size of index \[2\] must not exceed src size \[1\]/,
  }),
  bad({
    name: 'diag: a 3-D input',
    setup: () => ({ tensors: [ones([2, 2, 2])] }),
    call: ({ tensors: [a] }) => a!.diag(),
    throws: ShapeError,
    message: /diag: supports 1D or 2D tensors. Got 3D \(shape \[2, 2, 2\]\)/,
  }),
  bad({
    name: 'linalg.inv: a non-square matrix',
    setup: () => ({ tensors: [ones([2, 3])] }),
    call: ({ tensors: [a] }) => linalg.inv(a!),
    throws: ShapeError,
    message: /linalg\.inv: A must be batches of square matrices, but they are 2 by 3 matrices/,
  }),
  bad({
    name: 'linalg.solve: right-hand side of another size',
    setup: () => ({
      tensors: [
        tensor([
          [2, 0],
          [0, 2],
        ]),
        ones([3]),
      ],
    }),
    call: ({ tensors: [a, b] }) => linalg.solve(a!, b!),
    throws: ShapeError,
    message: /linalg\.solve: Incompatible shapes of A and B .* \(2x2 and 3x1\)/,
  }),
  bad({
    name: 'mseLoss: input and target that do not broadcast',
    setup: () => ({ tensors: [ones([2, 3]), ones([3, 2])] }),
    call: ({ tensors: [a, b] }) => functional.mseLoss(a!, b!),
    throws: ShapeError,
    message: /mseLoss: shapes \[2, 3\] and \[3, 2\] cannot be broadcast/,
  }),
  bad({
    name: 'nllLoss: a class weight of the wrong length',
    setup: () => ({ tensors: [ones([2, 3]), indices([0, 1]), ones([2])] }),
    call: ({ tensors: [a, t, w] }) => functional.nllLoss(a!, t!, { weight: w! }),
    throws: ShapeError,
    message: /nllLoss: expected weight of shape \[3\] \(one per class\), got \[2\]/,
  }),
  bad({
    name: 'backward: a gradient of the wrong shape',
    setup: () => {
      const x = leaf();
      return { tensors: [x, x.mul(2), ones([3])] };
    },
    call: ({ tensors: [, y, g] }) => {
      y!.backward(g);
    },
    throws: ShapeError,
    message: /backward: mismatch in shape: gradient has a shape of \[3\] and the output has a shape of \[2\]/,
  }),
  bad({
    name: 'grad: assigning a gradient of the wrong shape',
    setup: () => ({ tensors: [leaf(), ones([3])] }),
    call: ({ tensors: [x, g] }) => {
      x!.grad = g!;
    },
    throws: ShapeError,
    message: /grad: assigned grad must match the tensor: expected shape \[2\].*got shape \[3\]/,
  }),
];
