import * as raw from '../data/index.js';
import { checkedClass } from './checked.js';
import { CLASSES } from './signatures.js';

/** The `data` namespace of @ag/core: data/index.ts, its DataLoader behind its line of signatures.ts. */
export * from '../data/index.js';

export const DataLoader = checkedClass('data.DataLoader', CLASSES.DataLoader, raw.DataLoader);
export type DataLoader = raw.DataLoader;
export const RandomSampler = checkedClass('data.RandomSampler', CLASSES.RandomSampler, raw.RandomSampler);
export type RandomSampler = raw.RandomSampler;
export const SubsetRandomSampler = checkedClass(
  'data.SubsetRandomSampler',
  CLASSES.SubsetRandomSampler,
  raw.SubsetRandomSampler,
);
export type SubsetRandomSampler = raw.SubsetRandomSampler;
export const WeightedRandomSampler = checkedClass(
  'data.WeightedRandomSampler',
  CLASSES.WeightedRandomSampler,
  raw.WeightedRandomSampler,
);
export type WeightedRandomSampler = raw.WeightedRandomSampler;
