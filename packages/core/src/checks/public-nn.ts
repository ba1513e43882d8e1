import * as raw from '../nn/index.js';
import { checkedClass } from './checked.js';
import { CLASSES } from './signatures.js';

/** The `nn` namespace of @ag/core: nn/index.ts, its option-taking layers behind their lines of signatures.ts. */
export * from '../nn/index.js';

export const Linear = checkedClass('nn.Linear', CLASSES.Linear, raw.Linear);
export type Linear = raw.Linear;
export const Conv1d = checkedClass('nn.Conv1d', CLASSES.Conv1d, raw.Conv1d);
export type Conv1d = raw.Conv1d;
export const Conv2d = checkedClass('nn.Conv2d', CLASSES.Conv2d, raw.Conv2d);
export type Conv2d = raw.Conv2d;
