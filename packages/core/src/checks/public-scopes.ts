import { manualSeed as rawManualSeed } from '../random.js';
import { keep as rawKeep, tidy as rawTidy } from '../memory/scope.js';
import { checkedAll } from './checked.js';
import { SCOPES } from './signatures.js';

/** `manualSeed`, `tidy` and `keep` as @ag/core exports them: behind their lines of signatures.ts. */
const raw = { manualSeed: rawManualSeed, tidy: rawTidy, keep: rawKeep };

export const { manualSeed, tidy, keep } = checkedAll(raw, SCOPES satisfies Record<keyof typeof raw, string>);
