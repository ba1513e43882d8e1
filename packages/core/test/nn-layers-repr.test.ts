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
    ];
    for (const [m, repr] of cases) expect(String(m)).toBe(repr);
  });

  it('PReLU holds numParameters slopes set to init', async () => {
    const m = new nn.PReLU(3, 0.1);
    expect(m.weight.shape).toEqual([3]);
    expect(Array.from(await m.weight.toTypedArray())).toEqual([0.1, 0.1, 0.1].map(Math.fround));
  });

  it('checks the padding amounts', () => {
    expect(() => new nn.ReflectionPad2d([1, 2])).toThrow(
      /ReflectionPad2d: expected padding to be an integer or 4 of them, got \[1, 2\]/,
    );
  });
});
