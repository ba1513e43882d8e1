import { describe, expect, it } from 'vitest';
import { manualSeed, normals, uniforms } from '../src/random.js';

describe('the seeded generator', () => {
  it('repeats after manualSeed and differs across seeds', () => {
    manualSeed(42);
    const a = uniforms(8);
    manualSeed(42);
    expect(uniforms(8)).toEqual(a);
    manualSeed(43);
    expect(uniforms(8)).not.toEqual(a);
  });

  it('draws uniforms in [0, 1) with the moments of U(0, 1)', () => {
    manualSeed(1);
    const u = uniforms(100_000);
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (const v of u) {
      if (!(v >= 0 && v < 1)) outside++;
      sum += v;
      sq += v * v;
    }
    expect(outside).toBe(0);
    const mean = sum / u.length;
    // mean 1/2 and variance 1/12, within a few standard errors
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / u.length - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws normals with mean 0 and variance 1', () => {
    manualSeed(2);
    const z = normals(100_001);
    let sum = 0;
    let sq = 0;
    for (const v of z) {
      sum += v;
      sq += v * v;
    }
    expect(Math.abs(sum / z.length)).toBeLessThan(0.02);
    expect(Math.abs(sq / z.length - 1)).toBeLessThan(0.02);
  });
});
