export { type Dataset, TensorDataset, IterableDataset, Subset, ConcatDataset, randomSplit } from './dataset.js';
export { DataLoader, type DataLoaderOptions } from './dataloader.js';
export { defaultCollate, type Collated } from './collate.js';
export {
  type Sampler,
  SequentialSampler,
  RandomSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
  BatchSampler,
  type RandomSamplerOptions,
} from './samplers.js';
export {
  makeMoons,
  makeCircles,
  makeSpirals,
  makeBlobs,
  makeXor,
  makeShapes,
  SHAPE_CLASSES,
  type Labeled,
  type PointOptions,
} from './datasets.js';
