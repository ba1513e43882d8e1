import { ValueError, ones, optim } from '@ag/core';
import { bad } from './entry.js';
import { leaf, steppedSgd } from './helpers.js';

/**
 * Optimizer and scheduler arguments PyTorch refuses. A scheduler refused at construction must
 * leave its optimizer's learning rate (and everything else of its state) as it was.
 */
export const optimEntries = [
  bad({
    name: 'SGD: a negative learning rate',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.SGD([p!], { lr: -1 }),
    throws: ValueError,
    message: /SGD: invalid learning rate -1/,
  }),
  bad({
    name: 'SGD: a negative momentum',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.SGD([p!], { lr: 0.1, momentum: -1 }),
    throws: ValueError,
    message: /SGD: invalid momentum value -1/,
  }),
  bad({
    name: 'SGD: nesterov without momentum',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.SGD([p!], { lr: 0.1, nesterov: true }),
    throws: ValueError,
    message: /SGD: nesterov momentum requires a momentum and zero dampening/,
  }),
  bad({
    name: 'SGD: an empty parameter list',
    setup: () => ({}),
    call: () => new optim.SGD([], { lr: 0.1 }),
    throws: ValueError,
    message: /SGD: optimizer got an empty parameter list/,
  }),
  bad({
    name: 'SGD: a parameter that is not a leaf',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.SGD([p!.mul(2)], { lr: 0.1 }),
    throws: ValueError,
    message: /SGD: can't optimize a non-leaf Tensor \(made by MulBackward0\)/,
  }),
  bad({
    name: 'SGD: a parameter that does not require grad',
    setup: () => ({ tensors: [ones([2])] }),
    call: ({ tensors: [p] }) => new optim.SGD([p!], { lr: 0.1 }),
    throws: ValueError,
    message: /SGD: optimizer can only optimize Tensors that require grad; this float32 tensor of shape \[2\] does not/,
  }),
  bad({
    name: 'SGD: one parameter in two groups',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.SGD([{ params: [p!] }, { params: [p!] }], { lr: 0.1 }),
    throws: ValueError,
    message: /SGD: some parameters appear in more than one parameter group/,
  }),
  bad({
    name: 'Adam: a beta of 1.5',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.Adam([p!], { betas: [1.5, 0.9] }),
    throws: ValueError,
    message: /Adam: invalid betas? .*1\.5/,
  }),
  bad({
    name: 'Adam: a negative epsilon',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.Adam([p!], { eps: -1 }),
    throws: ValueError,
    message: /Adam: invalid epsilon.* -1/,
  }),
  bad({
    name: 'Adam: a negative weight decay',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.Adam([p!], { weightDecay: -1 }),
    throws: ValueError,
    message: /Adam: invalid weightDecay value -1/,
  }),
  bad({
    name: 'Adam: a NaN learning rate',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.Adam([p!], { lr: NaN }),
    throws: ValueError,
    message: /Adam: invalid learning rate NaN/,
  }),
  bad({
    name: 'RMSprop: a negative alpha',
    setup: () => ({ tensors: [leaf()] }),
    call: ({ tensors: [p] }) => new optim.RMSprop([p!], { alpha: -1 }),
    throws: ValueError,
    message: /RMSprop: invalid alpha value -1/,
  }),
  bad({
    name: 'LinearLR: a start factor of 0',
    setup: () => steppedScene(),
    call: ({ optimizer }) => new optim.LinearLR(optimizer, 0),
    throws: ValueError,
    message: /LinearLR: startFactor must be in \(0, 1\], got 0/,
  }),
  bad({
    name: 'ConstantLR: a factor over 1',
    setup: () => steppedScene(),
    call: ({ optimizer }) => new optim.ConstantLR(optimizer, 2),
    throws: ValueError,
    message: /ConstantLR: factor must be in \[0, 1\], got 2/,
  }),
  bad({
    name: 'OneCycleLR: zero total steps',
    setup: () => steppedScene(),
    call: ({ optimizer }) => new optim.OneCycleLR(optimizer, 0.1, 0),
    throws: ValueError,
    message: /OneCycleLR: expected totalSteps to be a positive integer, got 0/,
  }),
  bad({
    name: 'CosineAnnealingWarmRestarts: T0 of 0',
    setup: () => steppedScene(),
    call: ({ optimizer }) => new optim.CosineAnnealingWarmRestarts(optimizer, 0),
    throws: ValueError,
    message: /CosineAnnealingWarmRestarts: expected a positive integer T0, got 0/,
  }),
  bad({
    name: 'ReduceLROnPlateau: a factor of 1',
    setup: () => steppedScene(),
    call: ({ optimizer }) => new optim.ReduceLROnPlateau(optimizer, { factor: 1 }),
    throws: ValueError,
    message: /ReduceLROnPlateau: factor should be < 1.0, got 1/,
  }),
  bad({
    name: 'ReduceLROnPlateau: an unknown mode',
    setup: () => steppedScene(),
    call: ({ optimizer }) => new optim.ReduceLROnPlateau(optimizer, { mode: 'lowest' as 'min' }),
    throws: ValueError,
    message: /ReduceLROnPlateau: .*mode.*"lowest".*"min" or "max"/,
  }),
  bad({
    name: 'SequentialLR: no schedulers',
    setup: () => steppedScene(),
    call: ({ optimizer }) => new optim.SequentialLR(optimizer, [], []),
    throws: ValueError,
    message: /SequentialLR: expected at least one scheduler/,
  }),
];

/** An optimizer with state, and its parameter. */
function steppedScene(): { tensors: [ReturnType<typeof leaf>]; optimizer: optim.SGD } {
  const { param, optimizer } = steppedSgd();
  return { tensors: [param], optimizer };
}
