import * as raw from '../data/index.js';
import { classChecker } from './checked.js';
import { CLASSES } from './signatures.js';

/** The `data` namespace of @ag/core: data/index.ts, its DataLoader and samplers behind their lines of signatures.ts. */
export * from '../data/index.js';

const checked = classChecker('data', CLASSES, raw);

export const DataLoader = checked('DataLoader');
export type DataLoader = raw.DataLoader;
export const RandomSampler = checked('RandomSampler');
export type RandomSampler = raw.RandomSampler;
export const SubsetRandomSampler = checked('SubsetRandomSampler');
export type SubsetRandomSampler = raw.SubsetRandomSampler;
export const WeightedRandomSampler = checked('WeightedRandomSampler');
export type WeightedRandomSampler = raw.WeightedRandomSampler;
