import * as random from '../random.js';
import { keep as rawKeep, tidy as rawTidy } from '../memory/scope.js';
import { checkedAll } from './checked.js';
import { SCOPES } from './signatures.js';

/**
 * The generator's functions, `tidy` and `keep` as @ag/core exports them: behind their lines of
 * signatures.ts (the Generator class and the default generator object as they are).
 */
const raw = {
  manualSeed: random.manualSeed,
  seed: random.seed,
  initialSeed: random.initialSeed,
  getRngState: random.getRngState,
  setRngState: random.setRngState,
  tidy: rawTidy,
  keep: rawKeep,
};

export { Generator, defaultGenerator } from '../random.js';

export const { manualSeed, seed, initialSeed, getRngState, setRngState, tidy, keep } = checkedAll(
  raw,
  SCOPES satisfies Record<keyof typeof raw, string>,
);
