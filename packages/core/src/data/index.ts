export { type Dataset, TensorDataset } from './dataset.js';
export { DataLoader, type DataLoaderOptions } from './dataloader.js';
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
