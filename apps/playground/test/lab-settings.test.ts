import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  DEFAULT_SETTINGS,
  parseSettings,
  serializeSettings,
  splitSizes,
  type LabSettings,
} from '../src/lab/settings.ts';

const defaults = (): LabSettings => ({ ...DEFAULT_SETTINGS, hidden: [...DEFAULT_SETTINGS.hidden] });

describe('lab settings', () => {
  it('round-trip through their compact JSON', () => {
    const s: LabSettings = {
      dataset: 'spirals',
      noise: 0.25,
      size: 600,
      testFraction: 0.5,
      seed: 7,
      hidden: [8, 4, 2],
      activation: 'gelu',
      optimizer: 'rmsprop',
      lr: 0.003,
      batchSize: 10,
      regularization: 'l1',
      regRate: 0.01,
    };
    expect(parseSettings(serializeSettings(s))).toEqual({ settings: s, problems: [] });
  });

  it('write only what differs from the defaults', () => {
    expect(serializeSettings(defaults())).toBe('{"v":1}');
    expect(serializeSettings({ ...defaults(), dataset: 'xor', hidden: [3] })).toBe(
      '{"v":1,"dataset":"xor","hidden":[3]}',
    );
    expect(parseSettings('{"v":1,"dataset":"xor","hidden":[3]}').settings).toEqual({
      ...defaults(),
      dataset: 'xor',
      hidden: [3],
    });
  });

  it('no link, or an unreadable one, gives the defaults', () => {
    expect(parseSettings(null)).toEqual({ settings: defaults(), problems: [] });
    expect(parseSettings('')).toEqual({ settings: defaults(), problems: [] });
    expect(parseSettings('{"v":1,')).toEqual({
      settings: defaults(),
      problems: ['lab settings: not JSON, using the defaults'],
    });
    expect(parseSettings('[1,2]').problems).toEqual(['lab settings: not an object, using the defaults']);
    expect(parseSettings('null').problems).toEqual(['lab settings: not an object, using the defaults']);
  });

  it('a link of another version gives the defaults, not a misreading', () => {
    expect(parseSettings('{"v":0,"dataset":"xor"}')).toEqual({
      settings: defaults(),
      problems: ['lab settings: version 0 is not 1, using the defaults'],
    });
    expect(parseSettings('{"dataset":"xor"}').problems).toEqual([
      'lab settings: version undefined is not 1, using the defaults',
    ]);
  });

  it('a bad field keeps its default and names what was wrong; the good fields are read', () => {
    const { settings, problems } = parseSettings(
      JSON.stringify({
        v: 1,
        dataset: 'swiss-roll',
        noise: 0.2,
        size: 5.5,
        hidden: [4, 0],
        lr: 'fast',
        optimizer: 'adamw',
      }),
    );
    expect(settings).toEqual({ ...defaults(), noise: 0.2, optimizer: 'adamw' });
    expect(problems).toEqual([
      'lab settings: dataset: expected one of moons, circles, spirals, xor, blobs, got "swiss-roll", using the default',
      'lab settings: size: expected an integer in [20, 2000], got 5.5, using the default',
      'lab settings: hidden: expected up to 6 integer widths in [1, 64], got [4,0], using the default',
      'lab settings: lr: expected a number in [0.00001, 10], got "fast", using the default',
    ]);
  });

  it('reject values out of range, too many layers, unknown names and non-numbers', () => {
    const bad = (change: Record<string, unknown>): string[] =>
      parseSettings(JSON.stringify({ v: 1, ...change })).problems;
    expect(bad({ noise: -0.1 })).toHaveLength(1);
    expect(bad({ noise: 0.51 })).toHaveLength(1);
    expect(bad({ testFraction: 1 })).toHaveLength(1);
    expect(bad({ hidden: [1, 2, 3, 4, 5, 6, 7] })).toHaveLength(1);
    expect(bad({ hidden: 'wide' })).toHaveLength(1);
    expect(bad({ activation: 'swish' })).toHaveLength(1);
    expect(bad({ regularization: 'dropout' })).toHaveLength(1);
    expect(bad({ batchSize: 0 })).toHaveLength(1);
    expect(bad({ seed: -1 })).toHaveLength(1);
    expect(bad({ lr: null })).toHaveLength(1); // JSON has no NaN or Infinity: they arrive as null
    expect(bad({ unknownKey: 1, hidden: [] })).toEqual([]); // unknown keys are ignored; no hidden layer is fine
  });

  it('checkSettings throws naming each bad field', () => {
    expect(() => checkSettings({ ...defaults(), lr: 0, batchSize: 2.5 })).toThrow(
      'lab settings: lr: expected a number in [0.00001, 10], got 0; batchSize: expected an integer in [1, 2000], got 2.5',
    );
    expect(checkSettings(defaults())).toEqual(defaults());
  });

  it('split the points with at least one in each set', () => {
    expect(splitSizes({ size: 400, testFraction: 0.3 })).toEqual({ train: 280, test: 120 });
    expect(splitSizes({ size: 20, testFraction: 0.9 })).toEqual({ train: 2, test: 18 });
    expect(splitSizes({ size: 20, testFraction: 0.1 })).toEqual({ train: 18, test: 2 });
  });
});
