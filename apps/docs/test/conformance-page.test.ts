import { describe, expect, it } from 'vitest';
import { conformanceFamilies } from '../scripts/conformance-data.ts';
import { conformancePage, type Recorded } from '../scripts/conformance-page.ts';

/** The conformance matrix page, from made-up results of two backends (the third has none). */
const families = [
  { name: 'elementwise', ids: ['abs/basic', 'exp'] },
  { name: 'rounding', ids: ['round/a|b'] },
];
const cpu: Recorded = {
  'abs/basic': { group: 'ops', outcome: 'pass' },
  exp: { group: 'ops', outcome: 'pass' },
  'round/a|b': { group: 'ops', outcome: 'fail' },
  'In [2]: x': { group: 'seed tutorial', outcome: 'pass' },
  'In [10]: y': { group: 'seed tutorial', outcome: 'pass' },
};
const gpu: Recorded = {
  'abs/basic': { group: 'ops', outcome: 'known-failure', reason: 'no float64' },
  exp: { group: 'ops', outcome: 'known-failure', reason: 'no float64' },
  'In [2]: x': { group: 'seed tutorial', outcome: 'known-failure', reason: 'sync read' },
};

describe('conformancePage', () => {
  const page = conformancePage('en', families, [cpu, gpu, null]);
  const lines = page.split('\n');

  it('counts each backend, and says where a backend recorded nothing', () => {
    expect(lines).toContain('| CPU | 5 | 4 | 0 | 1 | 0 |');
    expect(lines).toContain('| WebGPU (Node, Dawn) | 5 | 0 | 3 | 0 | 2 |');
    expect(lines).toContain('| WebGPU (Chromium) | no recorded results |  |  |  |  |');
  });

  it('has a table per family, then the cases no family holds under their group in natural order', () => {
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([
      '## Summary',
      '## elementwise',
      '## rounding',
      '## seed tutorial',
      '## Known failures',
    ]);
    expect(lines.indexOf('| `In [2]: x` | pass | known failure (2) | – |')).toBeLessThan(
      lines.indexOf('| `In [10]: y` | pass | not run | – |'),
    );
  });

  it('numbers each known-failure reason once, and escapes a | in an id', () => {
    expect(lines).toContain('| `abs/basic` | pass | known failure (1) | – |');
    expect(lines).toContain('| `exp` | pass | known failure (1) | – |');
    expect(lines).toContain('| `round/a\\|b` | **FAIL** | not run | – |');
    expect(page.endsWith('1. no float64\n2. sync read\n')).toBe(true);
  });

  it('is written in Korean too', () => {
    const ko = conformancePage('ko', families, [cpu, gpu, null]);
    expect(ko).toMatch(/^# 적합성 매트릭스\n/);
    expect(ko).toContain('| WebGPU (Chromium) | 기록된 결과 없음 |  |  |  |  |');
  });
});

describe('conformanceFamilies', () => {
  it('names each case file of the suite a family, every case in exactly one', async () => {
    const families = await conformanceFamilies();
    const activations = families.find((f) => f.name === 'activations');
    expect(activations?.ids).toContain('relu/int32');
    const ids = families.flatMap((f) => f.ids);
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);
});
