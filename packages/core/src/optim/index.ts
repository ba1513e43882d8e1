export { Optimizer, type ParamGroup, type Params, type ParamState, type OptimizerStateDict } from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { Adam, AdamW, type AdamOptions } from './adam.js';
export { RMSprop, type RMSpropOptions } from './rmsprop.js';
export { Adagrad, type AdagradOptions } from './adagrad.js';
export {
  NAdam,
  RAdam,
  Adamax,
  type AdamVariantOptions,
  type NAdamOptions,
  type AdamaxOptions,
} from './adam-variants.js';
export { Adadelta, type AdadeltaOptions } from './adadelta.js';
export { ASGD, type ASGDOptions } from './asgd.js';
export { LBFGS, type LBFGSOptions, type LossClosure } from './lbfgs.js';
export {
  LRScheduler,
  StepLR,
  MultiStepLR,
  ExponentialLR,
  CosineAnnealingLR,
  LinearLR,
  ConstantLR,
  PolynomialLR,
  LambdaLR,
  MultiplicativeLR,
  type Chain,
  type HasLr,
  type Schedule,
} from './lr-scheduler.js';
export {
  CosineAnnealingWarmRestarts,
  CyclicLR,
  OneCycleLR,
  type CyclicLROptions,
  type OneCycleOptions,
} from './lr-cyclic.js';
export { SequentialLR, ChainedScheduler } from './lr-compose.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './lr-plateau.js';
