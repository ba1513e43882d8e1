import { describe, expect, it } from 'vitest';
import { parseLimit, reportBudgets } from '../release/size.ts';

describe('size budgets (scripts/release/size.ts)', () => {
  it("reads size-limit's limits, in kilobytes of 1000 bytes", () => {
    expect(parseLimit('100 kB')).toBe(100_000);
    expect(parseLimit('20kB')).toBe(20_000);
    expect(parseLimit('1.5 MB')).toBe(1_500_000);
    expect(parseLimit('512 B')).toBe(512);
  });

  it('refuses a limit it cannot read, saying what it expects', () => {
    expect(() => parseLimit('100')).toThrow("size budget: limit '100' is not a size like '100 kB' (B, kB or MB)");
    expect(() => parseLimit('1 KiB')).toThrow(/not a size like/);
  });

  it('fails when one budget is exceeded, and says which', () => {
    const { lines, ok } = reportBudgets([
      { name: 'a', bytes: 900, limitBytes: 1000 },
      { name: 'b', bytes: 1001, limitBytes: 1000 },
    ]);
    expect(ok).toBe(false);
    expect(lines).toEqual(['ok   a: 0.9 kB (budget 1.0 kB)', 'OVER b: 1.0 kB (budget 1.0 kB)']);
    expect(reportBudgets([{ name: 'a', bytes: 1000, limitBytes: 1000 }]).ok).toBe(true);
  });
});
