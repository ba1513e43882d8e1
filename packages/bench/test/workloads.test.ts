import { describe, expect, it } from 'vitest';
import { CHAIN_OPS, type Contender } from '../src/contender.js';
import { chainInput } from '../src/data.js';
import { ROWS } from '../src/workloads.js';

describe('chain rows', () => {
  it('ask for the chain on a 0-d tensor and on a [16] one, in microseconds per op', async () => {
    const asked: (readonly number[])[] = [];
    const c: Contender = {
      name: 'fake',
      setup: () => Promise.resolve(undefined),
      chain: (shape) => {
        asked.push(shape);
        return Promise.resolve({ na: 'fake' });
      },
    };
    for (const id of ['chain', 'chain-small']) await ROWS.find((r) => r.id === id)!.prepare(c);
    expect(asked).toEqual([[], [16]]);
    const small = ROWS.find((r) => r.id === 'chain-small')!;
    expect([small.unit, small.label, small.metric(CHAIN_OPS / 1000)]).toEqual([
      'us/op',
      'autograd, 10k ops on [16]',
      1,
    ]);
  });

  it('start from 0.5 in every element', () => {
    expect([...chainInput([2, 2])]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect([...chainInput([])]).toEqual([0.5]);
  });
});
