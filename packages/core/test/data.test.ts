import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import {
  data,
  Generator,
  manualSeed,
  rand,
  randint,
  randperm,
  registerBackend,
  setDefaultDevice,
  tensor,
  unregisterBackend,
} from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

// torch.utils.data: default collate, samplers, splits and the loader over map-style and iterable
// datasets. Expected orders are the generator streams PyTorch's samplers draw (randperm, randint,
// multinomial of a same-seeded generator) or worked out by hand.

beforeAll(() => {
  registerBackend(fakeBackend('data-test'));
  setDefaultDevice('data-test');
});
afterAll(() => {
  unregisterBackend('data-test');
});

const values = (t: unknown): number[] => Array.from((t as Tensor).toTypedArraySync());
const seeded = (seed = 7): Generator => new Generator().manualSeed(seed);

/** A map-style dataset of (features, label) pairs: item i is [[i, 10 i], i % 3]. */
const pairs: data.Dataset<[Tensor, number]> = {
  length: 7,
  get: (i) => [tensor([i, 10 * i]), i % 3],
};

describe('defaultCollate', () => {
  it('stacks tensors and turns numbers into a tensor, position by position of array samples', () => {
    const [x, y] = data.defaultCollate([pairs.get(1), pairs.get(2), pairs.get(4)]);
    expect(x.shape).toEqual([3, 2]);
    expect(values(x)).toEqual([1, 10, 2, 20, 4, 40]);
    expect(y.dtype).toBe('int32');
    expect(values(y)).toEqual([1, 2, 1]);
  });

  it('collates objects key by key, keeps strings as lists, floats as float32, booleans as bool', () => {
    const batch = data.defaultCollate([
      { x: tensor([1]), w: 0.5, name: 'a', ok: true, nested: { k: [1, 2] } },
      { x: tensor([2]), w: 1.5, name: 'b', ok: false, nested: { k: [3, 4] } },
    ]);
    expect(values(batch.x)).toEqual([1, 2]);
    expect(batch.w.dtype).toBe('float32');
    expect(values(batch.w)).toEqual([0.5, 1.5]);
    expect(batch.name).toEqual(['a', 'b']);
    expect(batch.ok.dtype).toBe('bool');
    expect(batch.nested.k.map(values)).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('refuses samples of unequal length and unsupported values', () => {
    expect(() => data.defaultCollate([[1, 2], [3]])).toThrow(
      'defaultCollate: each element in the batch should be a list of equal size',
    );
    expect(() => data.defaultCollate([null, null])).toThrow(/defaultCollate: batch must contain .*; found null/);
  });
});

describe('samplers', () => {
  it('SequentialSampler and BatchSampler group the indices in order', () => {
    const seq = new data.SequentialSampler(pairs);
    expect([...seq]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...new data.BatchSampler(seq, 3)]).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    const dropped = new data.BatchSampler(seq, 3, true);
    expect([...dropped]).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(dropped.length).toBe(2);
    expect(() => new data.BatchSampler(seq, 0)).toThrow(/batchSize should be a positive integer/);
  });

  it('RandomSampler draws randperm (whole, then part of one) or blocks of randint from its generator', () => {
    const ds = { length: 10 };
    const perm = [...new data.RandomSampler(ds, { generator: seeded() })];
    expect(perm).toEqual(values(randperm(10, { generator: seeded() })));
    // 25 samples of 10: two permutations and the first 5 of a third.
    const ref = seeded();
    const expected = [0, 1, 2].flatMap(() => values(randperm(10, { generator: ref }))).slice(0, 25);
    expect([...new data.RandomSampler(ds, { numSamples: 25, generator: seeded() })]).toEqual(expected);
    // With replacement: randint(10) in blocks of 32, the same stream as one draw of 40.
    const drawn = [...new data.RandomSampler(ds, { replacement: true, numSamples: 40, generator: seeded() })];
    expect(drawn).toEqual(values(randint(10, [40], { generator: seeded(), dtype: 'int32' })));
  });

  it('RandomSampler without a generator seeds a fresh one from one int64 draw of the default', () => {
    manualSeed(3);
    const first = [...new data.RandomSampler({ length: 6 })];
    const again = [...new data.RandomSampler({ length: 6 })];
    manualSeed(3);
    expect([...new data.RandomSampler({ length: 6 })]).toEqual(first);
    expect(first.slice().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(again).not.toEqual(first);
  });

  it('SubsetRandomSampler permutes the given indices', () => {
    const idx = [10, 20, 30, 40, 50];
    const order = values(randperm(5, { generator: seeded() }));
    expect([...new data.SubsetRandomSampler(idx, { generator: seeded() })]).toEqual(order.map((i) => idx[i]));
  });

  it('WeightedRandomSampler draws as multinomial of the weights', () => {
    expect([...new data.WeightedRandomSampler([0, 0, 1, 0], 5)]).toEqual([2, 2, 2, 2, 2]);
    const w = [0.5, 2, 0, 1.5, 1];
    // Inverse CDF: the first bucket of the cumulative weights over their total not below each
    // double uniform (the uniforms PyTorch's multinomial draws: rand in float64 on the same stream).
    const sampled = [...new data.WeightedRandomSampler(w, 50, true, { generator: seeded() })];
    const cum = [0.1, 0.5, 0.5, 0.8, 1];
    const u = values(rand([50], { dtype: 'float64', generator: seeded() }));
    expect(sampled).toEqual(u.map((x) => cum.findIndex((c) => c >= x)));
    expect(sampled).not.toContain(2);
    const unique = [...new data.WeightedRandomSampler(w, 4, false, { generator: seeded() })];
    expect(unique.slice().sort()).toEqual([0, 1, 3, 4]);
    // Frequencies follow the weights: index 1 has probability 3/4.
    const many = [...new data.WeightedRandomSampler([1, 3], 4000, true, { generator: seeded() })];
    expect(Math.abs(many.filter((i) => i === 1).length / 4000 - 0.75)).toBeLessThan(0.03);
    expect(() => new data.WeightedRandomSampler([1, 1], 3, false)).toThrow(
      'WeightedRandomSampler: cannot sample 3 > 2 indices without replacement',
    );
    expect(() => new data.WeightedRandomSampler([1, -1], 3)).toThrow(/non-negative/);
  });
});

describe('datasets', () => {
  it('Subset and ConcatDataset index into their datasets', () => {
    const a: data.Dataset<string> = { length: 2, get: (i) => `a${i}` };
    const b: data.Dataset<string> = { length: 3, get: (i) => `b${i}` };
    const both = new data.ConcatDataset([a, b]);
    expect(both.length).toBe(5);
    expect([0, 1, 2, 3, 4, -1].map((i) => both.get(i))).toEqual(['a0', 'a1', 'b0', 'b1', 'b2', 'b2']);
    expect(both.cumulativeSizes).toEqual([2, 5]);
    expect(() => both.get(5)).toThrow('ConcatDataset: index 5 out of range for a dataset of 5');
    const sub = new data.Subset(both, [4, 0]);
    expect([sub.get(0), sub.get(1), sub.length]).toEqual(['b2', 'a0', 2]);
  });

  it('randomSplit cuts randperm(n) into the lengths (fractions floored, the remainder to the first)', () => {
    const ds: data.Dataset<number> = { length: 10, get: (i) => i };
    const order = values(randperm(10, { generator: seeded() }));
    const [small, large] = data.randomSplit(ds, [3, 7], { generator: seeded() });
    expect(small!.indices).toEqual(order.slice(0, 3));
    expect(large!.indices).toEqual(order.slice(3));
    // 10 * 0.25 = 2.5 and 10 * 0.75 = 7.5 floor to 2 and 7; the one left over goes to the first.
    expect(data.randomSplit(ds, [0.25, 0.75], { generator: seeded() }).map((s) => s.length)).toEqual([3, 7]);
    expect(() => data.randomSplit(ds, [3, 3])).toThrow(
      'randomSplit: sum of input lengths [3, 3] does not equal the length of the input dataset (10)',
    );
  });
});

describe('DataLoader', () => {
  it('batches tuple samples with the default collate, and a collateFn of its own', () => {
    const loader = new data.DataLoader(pairs, { batchSize: 3 });
    const batches = [...loader];
    expect(loader.length).toBe(3);
    expect(batches.map(([x]) => x.shape)).toEqual([
      [3, 2],
      [3, 2],
      [1, 2],
    ]);
    expect(batches.map(([, y]) => values(y))).toEqual([[0, 1, 2], [0, 1, 2], [0]]);
    const sums = new data.DataLoader(pairs, { batchSize: 4, dropLast: true, collateFn: (s) => s.length });
    expect([...sums]).toEqual([4]);
  });

  it('takes a sampler or a batch sampler instead of shuffle and batchSize', () => {
    const bySubset = new data.DataLoader(pairs, {
      batchSize: 2,
      sampler: new data.SubsetRandomSampler([6, 5, 4], { generator: seeded() }),
      collateFn: (s) => s.map(([, label]) => label),
    });
    const order = values(randperm(3, { generator: seeded() })).map((i) => [6, 5, 4][i]! % 3);
    expect([...bySubset].flat()).toEqual(order);
    const byBatches = new data.DataLoader(pairs, {
      batchSampler: [[6], [0, 1]] as unknown as data.Sampler<number[]>,
      collateFn: (s) => s.map(([, label]) => label),
    });
    expect([...byBatches]).toEqual([[0], [0, 1]]);
    expect(() => new data.DataLoader(pairs, { shuffle: true, sampler: new data.SequentialSampler(pairs) })).toThrow(
      'DataLoader: sampler option is mutually exclusive with shuffle',
    );
    expect(
      () =>
        new data.DataLoader(pairs, {
          batchSize: 2,
          batchSampler: new data.BatchSampler(new data.SequentialSampler(pairs), 2),
        }),
    ).toThrow('DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast');
  });

  it('batches an iterable dataset in the order it yields', () => {
    class Counter extends data.IterableDataset<{ v: number }> {
      *[Symbol.iterator](): Iterator<{ v: number }> {
        for (let i = 0; i < 7; i++) yield { v: i };
      }
    }
    const loader = new data.DataLoader(new Counter(), { batchSize: 3 });
    expect([...loader].map((b) => values(b.v))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect([...new data.DataLoader(new Counter(), { batchSize: 3, dropLast: true })].length).toBe(2);
    expect(() => loader.length).toThrow('DataLoader: the number of batches of an iterable dataset is not known');
    expect(() => new data.DataLoader(new Counter(), { shuffle: true })).toThrow(
      'DataLoader: an iterable dataset takes no shuffle, sampler or batchSampler option',
    );
  });
});
