import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { autogradCases } from './autograd.js';
import { elementwiseCases } from './elementwise.js';
import { errorCases } from './errors.js';
import { linalgCases } from './linalg.js';
import { reduceCases } from './reduce.js';
import { shapeCases } from './shape.js';

export { TWIN_DEVICE } from './errors.js';

const ops = [...elementwiseCases, ...reduceCases, ...linalgCases, ...shapeCases];

/** Every case, by kind. */
export const allCases: {
  readonly ops: readonly OpCase[];
  readonly errors: readonly ErrorCase[];
  readonly scripts: readonly ScriptCase[];
} = { ops, errors: errorCases, scripts: autogradCases };

/** The id of every case: a backend's known-failure list is checked against it. */
export type CaseId = (typeof ops)[number]['id'] | (typeof errorCases)[number]['id'] | (typeof autogradCases)[number]['id'];
