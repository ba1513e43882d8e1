import { describe, expect, it } from 'vitest';
import { median } from '../src/measure.js';
import { chart } from '../src/report/chart.js';
import { escapeXml, sig3, speedup } from '../src/report/format.js';
import { markdown } from '../src/report/table.js';
import type { BenchResults } from '../src/results.js';

// Untimed: these check the statistics and the report's shape, never a speed.

const results: BenchResults = {
  machine: {
    cpu: 'Test CPU',
    cores: 2,
    memoryGiB: 8,
    node: 'v20.0.0',
    platform: 'linux x64',
    date: '2026-01-01T00:00:00Z',
    loadAverage: 0.5,
  },
  rows: [
    { id: 'matmul-128', label: 'matmul 128', unit: 'GFLOP/s', higherIsBetter: true },
    { id: 'add', label: 'add 1M', unit: 'ms', higherIsBetter: false },
  ],
  contenders: [
    {
      name: 'ag cpu',
      note: '',
      cells: { 'matmul-128': { value: 20, ms: 0.2, reps: 5 }, add: { value: 1, ms: 1, reps: 5 } },
      memory: { peakRssMiB: 10, heapDeltaMiB: 1, library: {} },
      seconds: 1,
    },
    {
      name: 'peer',
      note: '',
      cells: { 'matmul-128': { value: 10, ms: 0.4, reps: 5 }, add: { na: 'not implemented' } },
      memory: { peakRssMiB: 5, heapDeltaMiB: 0, library: { liveTensors: 3 } },
      seconds: 1,
    },
    {
      name: 'gone',
      note: '',
      unavailable: 'no adapter',
      cells: {},
      memory: { peakRssMiB: 0, heapDeltaMiB: 0, library: {} },
      seconds: 0,
    },
  ],
};

describe('statistics', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('turns either unit direction into times faster', () => {
    expect(speedup({ value: 20, ms: 1, reps: 1 }, { value: 10, ms: 1, reps: 1 }, true)).toBe(2);
    expect(speedup({ value: 1, ms: 1, reps: 1 }, { value: 4, ms: 4, reps: 1 }, false)).toBe(4);
    expect(speedup({ value: 1, ms: 1, reps: 1 }, { na: 'x' }, false)).toBeUndefined();
  });

  it('prints three significant digits', () => {
    expect([sig3(1234.5), sig3(12.345), sig3(1.2345), sig3(0.012345)]).toEqual(['1235', '12.3', '1.23', '0.0123']);
  });
});

describe('report', () => {
  it('has a column per contender, n/a cells and ratios against available peers', () => {
    const md = markdown(results);
    expect(md).toContain('| work | unit | ag cpu | peer | gone |');
    expect(md).toContain('| add 1M | ms | 1.00 | n/a (not implemented) | n/a |');
    expect(
      markdown({ ...results, contenders: [{ ...results.contenders[0]!, cells: { add: { na: 'not offered' } } }] }),
    ).toContain('| add 1M | ms | – |');
    expect(md).toContain('| matmul 128 | 2.00x |');
    expect(md).toContain('unavailable: no adapter');
  });

  it('draws well-formed SVG with escaped text', () => {
    const svg = chart(results);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
  });
});
