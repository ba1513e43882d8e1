import { describe, expect, it } from 'vitest';
import { PAIRS, selectPairs } from '../src/head-to-head/pairs.js';
import { meets, pairRatios, pairStats } from '../src/head-to-head/stats.js';
import { quantile, roundOrder, type Sample } from '../src/measure.js';
import { CONTENDERS } from '../src/peers/index.js';
import { markdown } from '../src/report/table.js';
import type { BenchResults } from '../src/results.js';
import { ROWS } from '../src/workloads.js';

// Untimed: the pairing and ratio arithmetic on made-up samples, never a speed.

const samples = (wall: number[], cpu: number[] = wall): Sample[] => wall.map((w, i) => ({ wallMs: w, cpuMs: cpu[i]! }));

describe('pairing', () => {
  it('divides each peer run by the ag run beside it, dropping a run without a partner', () => {
    expect(pairRatios([1, 2, 4], [2, 6, 4, 99])).toEqual([2, 3, 1]);
  });

  it('takes the median of the per-pair ratios, not the ratio of the medians', () => {
    // The load doubles both sides' times in the last two pairs: each pair still says 2x.
    const s = pairStats(samples([10, 10, 10, 20, 20]), samples([20, 20, 20, 40, 40]));
    expect(s.speedup).toBe(2);
    expect([s.q1, s.q3, s.pairs]).toEqual([2, 2, 5]);
    // Pair ratios 1.5, 1.5, 2.5, 1.25, 2.5: their median is 1.5, the ratio of the medians 50 / 20.
    const t = pairStats(samples([10, 20, 20, 40, 40]), samples([15, 30, 50, 50, 100]));
    expect([t.agMs, t.peerMs, t.speedup, t.q1, t.q3]).toEqual([20, 50, 1.5, 1.5, 2.5]);
  });

  it('takes CPU time as the ratio of the two medians', () => {
    const s = pairStats(samples([1, 1, 1], [4, 2, 3]), samples([1, 1, 1], [9, 3, 6]));
    expect([s.agCpuMs, s.peerCpuMs, s.cpuRatio]).toEqual([3, 6, 2]);
  });

  it('takes quartiles between the nearest values, the median among them', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map((q) => quantile([4, 1, 3, 2], q))).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('alternates which side runs first', () => {
    expect([0, 1, 2, 3].map((r) => roundOrder(2, r))).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(roundOrder(1, 1)).toEqual([0]);
  });

  it('meets a target at or above it, and says nothing without one', () => {
    expect([meets(1.5, 1.5), meets(1.49, 1.5), meets(3, undefined), meets(Number.NaN, 1), meets(undefined, 1)]).toEqual(
      [true, false, undefined, undefined, undefined],
    );
  });
});

describe('pairs', () => {
  it('name existing rows and contenders, ag against a peer', () => {
    for (const p of PAIRS) {
      expect(ROWS.map((r) => r.id)).toContain(p.row);
      expect(Object.keys(CONTENDERS)).toContain(p.ag);
      expect(Object.keys(CONTENDERS)).toContain(p.peer);
      expect([p.ag.startsWith('ag '), p.peer.startsWith('ag ')]).toEqual([true, false]);
    }
    expect(new Set(PAIRS.map((p) => p.id)).size).toBe(PAIRS.length);
  });

  it('are chosen by filters that each name part of a pair', () => {
    expect(selectPairs([])).toHaveLength(PAIRS.length);
    expect(selectPairs(['ag cpu', 'tfjs wasm', 'matmul']).map((p) => p.row)).toEqual([
      'matmul-128',
      'matmul-256',
      'matmul-512',
      'matmul-1024',
    ]);
    expect(selectPairs(['mlp-step', 'jax-js']).map((p) => p.peer)).toEqual(['jax-js wasm', 'jax-js wasm jit']);
    expect(selectPairs(['plain js']).map((p) => p.row)).toEqual(['add', 'relu-affine', 'sum']);
    expect(selectPairs(['tfjs cpu', 'matmul'])).toEqual([]);
    expect(selectPairs(['ag cpu', 'chain']).map((p) => [p.row, p.peer])).toEqual([
      ['chain', 'tfjs cpu'],
      ['chain-small', 'tfjs cpu'],
    ]);
  });
});

describe('head-to-head report', () => {
  const machine = {
    cpu: 'Test CPU',
    cores: 2,
    memoryGiB: 8,
    node: 'v20.0.0',
    platform: 'linux x64',
    date: '2026-01-01T00:00:00Z',
    loadAverage: 0.5,
  };
  const stats = pairStats(samples([10, 10, 10]), samples([16, 16, 17]));
  const results: BenchResults = {
    machine,
    rows: [],
    contenders: [],
    headToHead: {
      machine,
      pairs: [
        { id: 'a', label: 'matmul 256', ag: 'ag webgpu', peer: 'tfjs webgpu', target: 1.5, stats, seconds: 1 },
        { id: 'b', label: 'matmul 512', ag: 'ag cpu', peer: 'tfjs wasm', stats, seconds: 1 },
        { id: 'c', label: 'MLP', ag: 'ag cpu', peer: 'jax-js wasm', target: 2, stats, seconds: 1 },
        {
          id: 'd',
          label: 'MLP',
          ag: 'ag webgpu',
          peer: 'tfjs webgpu',
          target: 1.5,
          unavailable: 'no adapter',
          seconds: 0,
        },
      ],
    },
  };

  it('appends a line per pair with its target and verdict, and skips the empty separate table', () => {
    const md = markdown(results);
    expect(md).toContain('## Head to head (same process, interleaved)');
    expect(md).not.toContain('## Memory');
    expect(md).toContain(
      '| matmul 256 | ag webgpu | tfjs webgpu | 10.0 | 16.0 | 1.60x | 1.60–1.65 | 1.60x | 3 | ≥ 1.5x | yes |',
    );
    expect(md).toContain('| matmul 512 | ag cpu | tfjs wasm | 10.0 | 16.0 | 1.60x | 1.60–1.65 | 1.60x | 3 | – | – |');
    expect(md).toContain('| ≥ 2x | no |');
    expect(md).toContain('| MLP | ag webgpu | tfjs webgpu | n/a (no adapter) |');
  });
});
