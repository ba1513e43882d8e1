import type { Tensor } from '../tensor.js';
import { installActivations } from './activations.js';
import { installAdvancedIndexing } from './advanced-indexing.js';
import { installAttributes } from './attributes.js';
import { installBlas } from './blas.js';
import { installComparison } from './comparison.js';
import { installConversion } from './conversion.js';
import { installInPlace } from './in-place.js';
import { installIndexing } from './indexing.js';
import { installOther } from './other.js';
import { installPointwise } from './pointwise.js';
import { installRandom } from './random.js';
import { installReductions } from './reductions.js';
import { installSorting } from './sorting.js';

export type { ActivationMethods } from './activations.js';
export type { AdvancedIndexingMethods } from './advanced-indexing.js';
export type { AttributeMethods } from './attributes.js';
export type { BlasMethods } from './blas.js';
export type { ComparisonMethods } from './comparison.js';
export type { ConversionMethods } from './conversion.js';
export type { InPlaceOpMethods } from './in-place.js';
export type { IndexingMethods } from './indexing.js';
export type { OtherMethods } from './other.js';
export type { PointwiseMethods } from './pointwise.js';
export type { RandomMethods } from './random.js';
export type { ReductionMethods } from './reductions.js';
export type { SortingMethods } from './sorting.js';

/** Gives `Tensor.prototype` the methods of every group (their types: `interface Tensor` in tensor.ts). */
export function installTensorMethods(proto: Tensor): void {
  installPointwise(proto);
  installComparison(proto);
  installReductions(proto);
  installSorting(proto);
  installBlas(proto);
  installIndexing(proto);
  installAdvancedIndexing(proto);
  installOther(proto);
  installActivations(proto);
  installConversion(proto);
  installInPlace(proto);
  installRandom(proto);
  installAttributes(proto);
}
