import * as raw from '../data/index.js';
import { checkedClass } from './checked.js';
import { CLASSES } from './signatures.js';

/** The `data` namespace of @ag/core: data/index.ts, its DataLoader behind its line of signatures.ts. */
export * from '../data/index.js';

export const DataLoader = checkedClass('data.DataLoader', CLASSES.DataLoader, raw.DataLoader);
export type DataLoader = raw.DataLoader;
