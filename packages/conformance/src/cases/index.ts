import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { autogradCases } from './autograd.js';
import { autogradCustomCases } from './autograd-custom.js';
import { autogradFunctionalCases } from './autograd-functional.js';
import { autogradHookCases } from './autograd-hooks.js';
import { anomalyCases } from './anomaly.js';
import { inplaceCases } from './inplace.js';
import { elementwiseCases } from './elementwise.js';
import { elementwiseMathCases } from './elementwise-math.js';
import { binaryMathCases } from './binary-math.js';
import { activationCases, activationScripts } from './activations.js';
import { errorCases } from './errors.js';
import { indexingErrorCases } from './errors-indexing.js';
import { nnErrorCases } from './errors-nn.js';
import { indexingCases } from './indexing.js';
import { indexingScripts } from './indexing-scripts.js';
import { joinCases } from './joins.js';
import { linalgCases } from './linalg.js';
import { linalgExtraCases } from './linalg-extra.js';
import { lossCases, lossScripts } from './losses.js';
import { nnCases, nnScripts } from './nn.js';
import { nnModuleCases } from './nn-modules.js';
import { memoryCases } from './memory.js';
import { optimCases } from './optim.js';
import { reduceCases } from './reduce.js';
import { reductionCases } from './reductions.js';
import { shapeCases } from './shape.js';
import { gradFnNameCases } from './grad-fn-names.js';

export { TWIN_DEVICE } from './errors.js';

// One line per case file in each list: add yours on a line of its own.
const ops = [
  ...elementwiseCases,
  ...elementwiseMathCases,
  ...binaryMathCases,
  ...activationCases,
  ...reduceCases,
  ...linalgCases,
  ...linalgExtraCases,
  ...nnCases,
  ...lossCases,
  ...shapeCases,
  ...reductionCases,
  ...indexingCases,
  ...joinCases,
];

const errors = [
  ...errorCases,
  ...indexingErrorCases,
  ...nnErrorCases,
];

const scripts = [
  ...autogradCases,
  ...autogradFunctionalCases,
  ...autogradCustomCases,
  ...autogradHookCases,
  ...inplaceCases,
  ...anomalyCases,
  ...activationScripts,
  ...nnScripts,
  ...lossScripts,
  ...optimCases,
  ...nnModuleCases,
  ...memoryCases,
  ...indexingScripts,
  ...gradFnNameCases,
];

/** Every case, by kind. */
export const allCases: {
  readonly ops: readonly OpCase[];
  readonly errors: readonly ErrorCase[];
  readonly scripts: readonly ScriptCase[];
} = { ops, errors, scripts };

/** The id of every case: a backend's known-failure list is checked against it. */
export type CaseId = (typeof ops)[number]['id'] | (typeof errors)[number]['id'] | (typeof scripts)[number]['id'];
