import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { activationCases, activationErrors } from './activations.js';
import { advancedIndexReadCases } from './advanced-index-reads.js';
import { advancedIndexingErrors } from './advanced-indexing-errors.js';
import { advancedIndexingScripts } from './advanced-indexing-scripts.js';
import { anomalyCases } from './anomaly.js';
import { autogradCases, autogradErrors } from './autograd.js';
import { autogradCustomCases } from './autograd-custom.js';
import { autogradFunctionalCases } from './autograd-functional.js';
import { autogradHookCases } from './autograd-hooks.js';
import { autogradNodeHookCases } from './autograd-node-hooks.js';
import { autogradSavedHookCases } from './autograd-saved-hooks.js';
import { autogradExtraCases } from './autograd-extras.js';
import { vmapForwardAdCases } from './vmap-forward-ad.js';
import { binaryMathCases, binaryMathErrors } from './binary-math.js';
import { bitwiseCases, bitwiseErrors } from './bitwise.js';
import { checkpointDtypeScripts } from './checkpoint-dtypes.js';
import { clampCases, clampErrors } from './clamp.js';
import { comparisonCases } from './comparisons.js';
import { deviceCases } from './devices.js';
import { doubleBackwardScripts } from './double-backward.js';
import { dtypeArithmeticCases, dtypeArithmeticErrors } from './dtype-arithmetic.js';
import { elementwiseCases, elementwiseErrors } from './elementwise.js';
import { elementwiseMathCases } from './elementwise-math.js';
import { floatClassCases, floatClassErrors, floatClassScripts } from './float-classes.js';
import { specialFunctionCases, specialFunctionErrors } from './special-functions.js';
import { specialMathCases, specialMathErrors } from './special-math.js';
import { gradFnNameCases } from './grad-fn-names.js';
import { indexAlongDimCases } from './index-along-dim.js';
import { indexOpCases, indexOpErrors } from './index-ops.js';
import { indexWriteCases } from './index-writes.js';
import { indexingScripts } from './indexing-scripts.js';
import { inplaceCases } from './inplace.js';
import { inplaceViewCases } from './inplace-views.js';
import { joinCases, joinErrors } from './joins.js';
import { matmulCases, matmulErrors } from './linalg-matmul.js';
import { fixedRankProductCases, fixedRankProductErrors } from './linalg-fixed-rank.js';
import { einsumCases, einsumErrors } from './einsum.js';
import { linalgSolveCases, linalgSolveErrors } from './linalg-solve.js';
import { linalgDecompositionCases, linalgDecompositionErrors } from './linalg-decompositions.js';
import { linalgSvdCases, linalgSvdErrors } from './linalg-svd.js';
import { linalgProductCases, linalgProductErrors } from './linalg-products.js';
import { blasProductCases, blasProductErrors } from './blas-products.js';
import { linalgDoubleBackwardScripts } from './linalg-double-backward.js';
import { linalgLuCases } from './linalg-lu.js';
import { fftCases } from './fft.js';
import { fftNdCases } from './fft-nd.js';
import { fftErrors, fftScripts } from './fft-errors.js';
import { lossCases, lossErrors } from './losses.js';
import { lossScripts } from './loss-second-order.js';
import { likelihoodLossCases, likelihoodLossErrors } from './losses-likelihood.js';
import { marginLossCases, marginLossErrors, marginLossScripts } from './losses-margin.js';
import { memoryCases } from './memory.js';
import { nnConvCases, nnConvErrors } from './nn-conv.js';
import { nnPool2dCases, nnPool2dErrors } from './nn-pool2d.js';
import { nnNormCases, nnNormErrors, nnNormScripts } from './nn-norm.js';
import { nnAttentionCases, nnAttentionErrors } from './nn-attention.js';
import { nnDropoutErrors, nnDropoutScripts } from './nn-dropout.js';
import { nnModuleCases } from './nn-modules.js';
import { nnLayerCases, nnLayerErrors, nnLayerScripts } from './nn-layers.js';
import { nnConvPoolCases, nnConvPoolErrors, nnConvPoolScripts } from './nn-conv-pool.js';
import { nnPoolCases, nnPoolErrors } from './nn-pool.js';
import { nnResampleCases, nnResampleErrors } from './nn-resample.js';
import { nnBlocksGridCases, nnBlocksGridErrors } from './nn-blocks-grid.js';
import { nnNormExtraCases, nnNormExtraErrors, nnNormExtraScripts } from './nn-norm-extra.js';
import { rnnCellCases, rnnLayerCases } from './rnn.js';
import { rnnErrors, rnnScripts } from './rnn-scripts.js';
import { nnExtraCases, nnExtraErrors, nnExtraScripts } from './nn-extras.js';
import { transformerCases, transformerErrors, transformerScripts } from './transformer.js';
import { packedRnnCases, packingCases, packingErrors, packingScripts } from './rnn-packing.js';
import { optimCases } from './optim.js';
import { lbfgsCases, lbfgsErrors } from './optim-lbfgs.js';
import { lrSchedulerCases } from './lr-schedulers.js';
import { optimVariantCases, optimVariantErrors } from './optim-variants.js';
import { paddingCases, paddingErrors } from './padding.js';
import { randomErrors } from './random-errors.js';
import { randomFillScripts } from './random-fills.js';
import { randomInitScripts } from './random-init.js';
import { randomValueScripts } from './random-values.js';
import { rearrangeCases, rearrangeErrors } from './rearrange.js';
import { sumReductionCases, sumReductionErrors } from './reductions-sums.js';
import { extremumCases, extremumErrors } from './reductions-extrema.js';
import { statisticCases, statisticErrors } from './reductions-stats.js';
import { cumulativeCases, cumulativeErrors } from './reductions-cumulative.js';
import { roundingCases, roundingErrors } from './rounding.js';
import { scanCases, scanErrors } from './scans.js';
import { reducePairCases, reducePairErrors, reducePairScripts } from './reduce-pairs.js';
import { countingCases, countingErrors, countingScripts } from './counting.js';
import { optionScripts, scatterReduceCases } from './scatter-reduce.js';
import { shapeCases, shapeErrors } from './shape.js';
import { slicingCases, slicingErrors } from './slicing.js';
import { softmaxCases, softmaxErrors } from './softmax.js';
import { quantileCases, quantileErrors } from './quantile.js';
import { selectionCases, selectionErrors } from './selection.js';
import { searchCases, searchErrors, uniqueScripts } from './unique-search.js';
import { sortingCases, sortingErrors, sortingScripts } from './sorting.js';
import { storageDtypeCases, storageDtypeErrors, storageDtypeScripts } from './storage-dtypes.js';
import { tensorAttributeCases, tensorAttributeErrors, tensorAttributeScripts } from './tensor-attributes.js';
import { diagonalCases, diagonalErrors, diagonalScripts } from './diagonals.js';
import { dimMoveCases, dimMoveErrors } from './dim-moves.js';
import { stackSplitCases } from './stacks-splits.js';
import { creationRangeCases, creationRangeErrors, creationRangeScripts } from './creation-ranges.js';
import { indexGridCases } from './index-grids.js';
import { regressionScripts } from './regressions.js';

// One line per case file in each list: add yours on a line of its own.
const ops = [
  ...elementwiseCases,
  ...comparisonCases,
  ...dtypeArithmeticCases,
  ...storageDtypeCases,
  ...elementwiseMathCases,
  ...specialFunctionCases,
  ...specialMathCases,
  ...floatClassCases,
  ...roundingCases,
  ...clampCases,
  ...binaryMathCases,
  ...bitwiseCases,
  ...activationCases,
  ...softmaxCases,
  ...sumReductionCases,
  ...extremumCases,
  ...statisticCases,
  ...cumulativeCases,
  ...scanCases,
  ...reducePairCases,
  ...countingCases,
  ...matmulCases,
  ...fixedRankProductCases,
  ...einsumCases,
  ...linalgSolveCases,
  ...linalgDecompositionCases,
  ...linalgSvdCases,
  ...linalgProductCases,
  ...blasProductCases,
  ...linalgLuCases,
  ...fftCases,
  ...fftNdCases,
  ...nnConvCases,
  ...nnPool2dCases,
  ...nnNormCases,
  ...nnAttentionCases,
  ...nnLayerCases,
  ...nnConvPoolCases,
  ...nnPoolCases,
  ...nnResampleCases,
  ...nnBlocksGridCases,
  ...nnNormExtraCases,
  ...rnnCellCases,
  ...rnnLayerCases,
  ...packingCases,
  ...packedRnnCases,
  ...transformerCases,
  ...nnExtraCases,
  ...lossCases,
  ...marginLossCases,
  ...likelihoodLossCases,
  ...shapeCases,
  ...slicingCases,
  ...indexOpCases,
  ...advancedIndexReadCases,
  ...indexWriteCases,
  ...indexAlongDimCases,
  ...paddingCases,
  ...rearrangeCases,
  ...joinCases,
  ...tensorAttributeCases,
  ...scatterReduceCases,
  ...diagonalCases,
  ...dimMoveCases,
  ...stackSplitCases,
  ...creationRangeCases,
  ...indexGridCases,
  ...sortingCases,
  ...selectionCases,
  ...quantileCases,
  ...searchCases,
];

const errors = [
  ...elementwiseErrors,
  ...dtypeArithmeticErrors,
  ...storageDtypeErrors,
  ...roundingErrors,
  ...clampErrors,
  ...specialFunctionErrors,
  ...specialMathErrors,
  ...floatClassErrors,
  ...binaryMathErrors,
  ...bitwiseErrors,
  ...activationErrors,
  ...softmaxErrors,
  ...sumReductionErrors,
  ...extremumErrors,
  ...statisticErrors,
  ...cumulativeErrors,
  ...scanErrors,
  ...reducePairErrors,
  ...countingErrors,
  ...matmulErrors,
  ...fixedRankProductErrors,
  ...einsumErrors,
  ...linalgSolveErrors,
  ...linalgDecompositionErrors,
  ...linalgSvdErrors,
  ...linalgProductErrors,
  ...blasProductErrors,
  ...fftErrors,
  ...nnConvErrors,
  ...nnPool2dErrors,
  ...nnNormErrors,
  ...nnAttentionErrors,
  ...nnDropoutErrors,
  ...nnLayerErrors,
  ...nnConvPoolErrors,
  ...nnPoolErrors,
  ...nnResampleErrors,
  ...nnBlocksGridErrors,
  ...nnNormExtraErrors,
  ...rnnErrors,
  ...packingErrors,
  ...transformerErrors,
  ...nnExtraErrors,
  ...lossErrors,
  ...marginLossErrors,
  ...likelihoodLossErrors,
  ...optimVariantErrors,
  ...lbfgsErrors,
  ...shapeErrors,
  ...slicingErrors,
  ...indexOpErrors,
  ...advancedIndexingErrors,
  ...paddingErrors,
  ...rearrangeErrors,
  ...joinErrors,
  ...randomErrors,
  ...autogradErrors,
  ...tensorAttributeErrors,
  ...diagonalErrors,
  ...dimMoveErrors,
  ...creationRangeErrors,
  ...sortingErrors,
  ...selectionErrors,
  ...quantileErrors,
  ...searchErrors,
];

const scripts = [
  ...autogradCases,
  ...autogradFunctionalCases,
  ...autogradCustomCases,
  ...autogradHookCases,
  ...autogradNodeHookCases,
  ...autogradSavedHookCases,
  ...autogradExtraCases,
  ...vmapForwardAdCases,
  ...inplaceCases,
  ...inplaceViewCases,
  ...anomalyCases,
  ...doubleBackwardScripts,
  ...linalgDoubleBackwardScripts,
  ...fftScripts,
  ...nnNormScripts,
  ...nnDropoutScripts,
  ...nnLayerScripts,
  ...nnConvPoolScripts,
  ...nnNormExtraScripts,
  ...lossScripts,
  ...marginLossScripts,
  ...optimCases,
  ...optimVariantCases,
  ...lbfgsCases,
  ...lrSchedulerCases,
  ...nnModuleCases,
  ...rnnScripts,
  ...packingScripts,
  ...transformerScripts,
  ...nnExtraScripts,
  ...memoryCases,
  ...indexingScripts,
  ...advancedIndexingScripts,
  ...gradFnNameCases,
  ...randomValueScripts,
  ...randomInitScripts,
  ...randomFillScripts,
  ...storageDtypeScripts,
  ...checkpointDtypeScripts,
  ...deviceCases,
  ...tensorAttributeScripts,
  ...optionScripts,
  ...floatClassScripts,
  ...reducePairScripts,
  ...countingScripts,
  ...creationRangeScripts,
  ...sortingScripts,
  ...diagonalScripts,
  ...uniqueScripts,
  ...regressionScripts,
];

/** Every case, by kind. */
export const allCases: {
  readonly ops: readonly OpCase[];
  readonly errors: readonly ErrorCase[];
  readonly scripts: readonly ScriptCase[];
} = { ops, errors, scripts };

/** The id of every case: a backend's known-failure list is checked against it. */
export type CaseId = (typeof ops)[number]['id'] | (typeof errors)[number]['id'] | (typeof scripts)[number]['id'];
