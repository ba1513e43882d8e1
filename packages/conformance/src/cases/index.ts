import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { activationCases, activationErrors, activationScripts } from './activations.js';
import { anomalyCases } from './anomaly.js';
import { autogradCases, autogradErrors } from './autograd.js';
import { autogradCustomCases } from './autograd-custom.js';
import { autogradFunctionalCases } from './autograd-functional.js';
import { autogradHookCases } from './autograd-hooks.js';
import { binaryMathCases, binaryMathErrors } from './binary-math.js';
import { elementwiseCases, elementwiseErrors } from './elementwise.js';
import { elementwiseMathCases, elementwiseMathErrors } from './elementwise-math.js';
import { gradFnNameCases } from './grad-fn-names.js';
import { indexingCases, indexingErrors } from './indexing.js';
import { indexingScripts } from './indexing-scripts.js';
import { inplaceCases } from './inplace.js';
import { joinCases, joinErrors } from './joins.js';
import { linalgCases, linalgErrors } from './linalg.js';
import { lossCases, lossErrors, lossScripts } from './losses.js';
import { memoryCases } from './memory.js';
import { nnCases, nnErrors, nnScripts } from './nn.js';
import { nnModuleCases } from './nn-modules.js';
import { optimCases } from './optim.js';
import { reductionCases, reductionErrors } from './reductions.js';
import { shapeCases, shapeErrors } from './shape.js';

// One line per case file in each list: add yours on a line of its own.
const ops = [
  ...elementwiseCases,
  ...elementwiseMathCases,
  ...binaryMathCases,
  ...activationCases,
  ...reductionCases,
  ...linalgCases,
  ...nnCases,
  ...lossCases,
  ...shapeCases,
  ...indexingCases,
  ...joinCases,
];

const errors = [
  ...elementwiseErrors,
  ...elementwiseMathErrors,
  ...binaryMathErrors,
  ...activationErrors,
  ...reductionErrors,
  ...linalgErrors,
  ...nnErrors,
  ...lossErrors,
  ...shapeErrors,
  ...indexingErrors,
  ...joinErrors,
  ...autogradErrors,
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
