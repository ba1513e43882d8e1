import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, mapPixels } from '../src/lab/boundary.ts';
import { unitPixels } from '../src/lab/neurons.ts';

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

  it("a unit's map: its largest magnitude at full colour (blue positive, orange negative), zero white", () => {
    // one unit over a 2x2 grid: 2, -1, 0, 1 scale by 2 to 1, -1/2, 0, 1/2
    const px = Array.from(unitPixels(Float32Array.from([2, -1, 0, 1]), 1, 0, 2));
    const at = (i: number): number[] => px.slice(4 * i, 4 * i + 4);
    const faded = (c: readonly number[], a: number): number[] => [...c.map((v) => 255 + (v - 255) * a), 255];
    const close = (got: number[], want: number[]): void => {
      got.forEach((g, i) => {
        expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(0.5);
      });
    };
    close(at(0), faded(CLASS_COLORS[1]!, 1));
    close(at(1), faded(CLASS_COLORS[0]!, 0.5));
    expect(at(2)).toEqual([255, 255, 255, 255]);
    close(at(3), faded(CLASS_COLORS[1]!, 0.5));
    // a unit that is zero everywhere (a dead ReLU) is white, not a division by zero
    expect(Array.from(unitPixels(Float32Array.from([5, 0, 5, 0]), 2, 1, 1))).toEqual([255, 255, 255, 255]);
  });
});
