import { describe, expect, it } from 'vitest';
import type { PairStats } from '../../../packages/bench/src/head-to-head/stats.ts';
import type { BenchResults } from '../../../packages/bench/src/results.ts';
import { benchSection } from '../scripts/bench-section.ts';

/** The performance guide's results section, from made-up results in the bench's format. */
const machine: BenchResults['machine'] = {
  cpu: 'Test CPU',
  cores: 4,
  memoryGiB: 8,
  node: 'v22.0.0',
  platform: 'linux x64',
  date: '2026-01-02T03:04:05.000Z',
  loadAverage: 0.5,
};
const results: BenchResults = {
  machine,
  rows: [{ id: 'add', label: 'add 1M', unit: 'ms', higherIsBetter: false }],
  contenders: [
    { name: 'ag cpu', note: '', cells: { add: { value: 1.2345, ms: 1.2345, reps: 9 } }, memory: mem(), seconds: 1 },
    { name: 'peer', note: '', cells: { add: { na: 'no such op' } }, memory: mem(), seconds: 1 },
  ],
  headToHead: {
    machine: { ...machine, date: '', loadAverage: 0 },
    pairs: [
      { id: 'a', label: 'add 1M', ag: 'ag cpu', peer: 'peer', target: 2, seconds: 1, stats: stats(3) },
      { id: 'b', label: 'add 1M', ag: 'ag cpu', peer: 'peer', target: 2, seconds: 1, stats: stats(1.5) },
    ],
  },
};

function mem(): BenchResults['contenders'][number]['memory'] {
  return { peakRssMiB: 1, heapDeltaMiB: 1, library: {} };
}

/** A pair where ag takes 1 ms and the peer `speedup` ms. */
function stats(speedup: number): PairStats {
  return {
    agMs: 1,
    peerMs: speedup,
    speedup,
    q1: speedup - 0.25,
    q3: speedup + 0.25,
    agCpuMs: 1,
    peerCpuMs: 1,
    cpuRatio: 1,
    pairs: 5,
  };
}

describe('benchSection', () => {
  const lines = benchSection('en', results, '/generated/bench.svg').split('\n');

  it('says where and when it was measured', () => {
    expect(lines).toContain('Measured 2026-01-02 on Test CPU, 4 cores, 8 GiB, Node v22.0.0, linux x64, load 0.5.');
  });

  it('has the medians table (three significant digits, n/a with its reason) and the chart', () => {
    expect(lines).toContain('| work | unit | ag cpu | peer |');
    expect(lines).toContain('| add 1M | ms | 1.23 | n/a (no such op) |');
    expect(lines).toContain('![Speed relative to the fastest contender of each row](/generated/bench.svg)');
  });

  it('has the head-to-head pairs, each target met or not', () => {
    expect(lines).toContain('| add 1M | ag cpu | peer | 1.00 | 3.00 | 3.00x | 2.75–3.25 | ≥ 2x | yes |');
    expect(lines).toContain('| add 1M | ag cpu | peer | 1.00 | 1.50 | 1.50x | 1.25–1.75 | ≥ 2x | no |');
  });

  it('is written in Korean too', () => {
    const ko = benchSection('ko', results, '/generated/bench.svg');
    expect(ko).toMatch(/^## 최근 결과\n/);
    expect(ko).toContain('| add 1M | ag cpu | peer | 1.00 | 1.50 | 1.50x | 1.25–1.75 | ≥ 2x | 아니요 |');
  });
});
