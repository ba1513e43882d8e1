import { describe, expect, it } from 'vitest';
import { splitExpr } from '../src/ops/index-spec.js';

describe("get's string form (splitExpr)", () => {
  it('splits at top-level commas only, reading [...] lists as arrays', () => {
    expect(splitExpr('get', '[0, 2], 1:, ...')).toEqual([[0, 2], '1:', '...']);
    expect(splitExpr('get', ' [[0], [1]] , None')).toEqual([[[0], [1]], 'None']);
    expect(splitExpr('get', '[True, False]')).toEqual([[true, false]]);
    expect(splitExpr('get', '')).toEqual([]);
  });

  it('names the op and the list it cannot read', () => {
    expect(() => splitExpr('set', '[0, a]')).toThrow(/set: cannot parse the list '\[0, a\]'/);
  });
});
