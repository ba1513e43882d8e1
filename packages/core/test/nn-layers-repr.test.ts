import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nn, registerBackend, setDefaultDevice, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

beforeAll(() => {
  registerBackend(fakeBackend('layers-repr-test'));
  setDefaultDevice('layers-repr-test');
});
afterAll(() => {
  unregisterBackend('layers-repr-test');
});

/** The printed forms of the layers of issue 16, as PyTorch's extra_repr writes them. */
describe('nn layers print as PyTorch', () => {
  it('padding, shuffle, dropout and activation layers', () => {
    const cases: [unknown, string][] = [
      [new nn.ZeroPad2d(2), 'ZeroPad2d((2, 2, 2, 2))'],
      [new nn.ZeroPad1d([1, 2]), 'ZeroPad1d((1, 2))'],
      [new nn.ConstantPad1d(2, 3.5), 'ConstantPad1d(padding=(2, 2), value=3.5)'],
      [new nn.ReflectionPad1d(2), 'ReflectionPad1d((2, 2))'],
      [new nn.ReplicationPad2d([1, 1, 2, 0]), 'ReplicationPad2d((1, 1, 2, 0))'],
      [new nn.CircularPad2d(1), 'CircularPad2d((1, 1, 1, 1))'],
      [new nn.PixelShuffle(3), 'PixelShuffle(upscale_factor=3)'],
      [new nn.PixelUnshuffle(3), 'PixelUnshuffle(downscale_factor=3)'],
      [new nn.Unflatten(1, [2, 5, 5]), 'Unflatten(dim=1, unflattened_size=(2, 5, 5))'],
      [new nn.PReLU(), 'PReLU(num_parameters=1)'],
      [new nn.Softmax2d(), 'Softmax2d()'],
      [new nn.Dropout1d(0.2), 'Dropout1d(p=0.2, inplace=False)'],
      [new nn.Dropout2d(), 'Dropout2d(p=0.5, inplace=False)'],
      [new nn.AlphaDropout(0.2), 'AlphaDropout(p=0.2, inplace=False)'],
      [
        new nn.MaxPool1d(3, { stride: 2 }),
        'MaxPool1d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=False)',
      ],
      [new nn.MaxPool3d(2), 'MaxPool3d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)'],
      [new nn.AvgPool1d(3, { stride: 2 }), 'AvgPool1d(kernel_size=(3,), stride=(2,), padding=(0,))'],
      [new nn.AdaptiveAvgPool1d(5), 'AdaptiveAvgPool1d(output_size=5)'],
      [new nn.AdaptiveMaxPool2d([5, null]), 'AdaptiveMaxPool2d(output_size=(5, None))'],
      [new nn.MaxUnpool2d(2, { stride: 2 }), 'MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))'],
    ];
    for (const [m, repr] of cases) expect(String(m)).toBe(repr);
  });

  it('convolution layers', () => {
    const cases: [unknown, string][] = [
      [new nn.Conv3d(16, 33, 3, { stride: 2 }), 'Conv3d(16, 33, kernel_size=(3, 3, 3), stride=(2, 2, 2))'],
      [
        new nn.ConvTranspose2d(16, 33, [3, 5], { stride: 2, padding: [4, 2], outputPadding: 1 }),
        'ConvTranspose2d(16, 33, kernel_size=(3, 5), stride=(2, 2), padding=(4, 2), output_padding=(1, 1))',
      ],
      [
        new nn.ConvTranspose1d(4, 6, 3, { groups: 2, bias: false }),
        'ConvTranspose1d(4, 6, kernel_size=(3,), stride=(1,), groups=2, bias=False)',
      ],
    ];
    for (const [m, repr] of cases) expect(String(m)).toBe(repr);
    // A transposed convolution's weight is [in, out / groups, ...kernel].
    expect(new nn.ConvTranspose1d(4, 6, 3, { groups: 2 }).weight.shape).toEqual([4, 3, 3]);
    expect(() => new nn.ConvTranspose2d(1, 1, 2, { paddingMode: 'reflect' })).toThrow(
      /nn.ConvTranspose2d: argument 4 .*paddingMode/,
    );
  });

  it('PReLU holds numParameters slopes set to init', async () => {
    const m = new nn.PReLU(3, 0.1);
    expect(m.weight.shape).toEqual([3]);
    expect(Array.from(await m.weight.toTypedArray())).toEqual([0.1, 0.1, 0.1].map(Math.fround));
  });

  it('InstanceNorm keeps PyTorch state-dict names when tracking statistics', () => {
    expect(Object.keys(new nn.InstanceNorm2d(3, { affine: true, trackRunningStats: true }).stateDict())).toEqual([
      'weight',
      'bias',
      'running_mean',
      'running_var',
      'num_batches_tracked',
    ]);
    expect(Object.keys(new nn.InstanceNorm1d(3).stateDict())).toEqual([]);
  });

  it('checks the padding amounts', () => {
    expect(() => new nn.ReflectionPad2d([1, 2])).toThrow(
      /ReflectionPad2d: expected padding to be an integer or 4 of them, got \[1, 2\]/,
    );
  });
});
