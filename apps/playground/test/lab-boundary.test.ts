import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, mapPixels } from '../src/lab/boundary.ts';

/** One grid cell's colour for these class probabilities. */
function pixel(probs: number[]): number[] {
  const map = {
    size: 1,
    classes: probs.length,
    extent: [0, 1, 0, 1] as [number, number, number, number],
    probs: Float32Array.from(probs),
  };
  return Array.from(mapPixels(map));
}

describe('lab decision-boundary colours', () => {
  it('a cell at chance is white; a certain one is its class colour at 3/4 strength over white', () => {
    expect(pixel([0.5, 0.5])).toEqual([255, 255, 255, 255]);
    expect(pixel([1 / 3, 1 / 3, 1 / 3])).toEqual([255, 255, 255, 255]);
    for (const k of [0, 1, 2]) {
      const probs = [0, 0, 0];
      probs[k] = 1;
      const got = pixel(probs);
      CLASS_COLORS[k]!.forEach((c, i) => {
        expect(Math.abs(got[i]! - (255 - 0.75 * (255 - c)))).toBeLessThanOrEqual(0.5);
      });
      expect(got[3]).toBe(255);
    }
  });

  it('fades linearly with the top probability between chance and certainty', () => {
    // p = 0.75 of class 1 with 2 classes: confidence (0.75 - 0.5) / 0.5 = 1/2, so strength 3/8, of the mix
    const got = pixel([0.25, 0.75]);
    const mix = [0, 1, 2].map((i) => 0.25 * CLASS_COLORS[0]![i]! + 0.75 * CLASS_COLORS[1]![i]!);
    mix.forEach((m, i) => {
      expect(Math.abs(got[i]! - (255 + (m - 255) * 0.375))).toBeLessThanOrEqual(0.5);
    });
  });
});
