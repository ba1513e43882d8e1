// Fragments many signature lines share, in the language of kinds.ts.
export const LIKE = 'tensor|number|bool';
export const DIMS = 'int|int[]|null';
export const CREATION = '{dtype?: dtype, device?: string, requiresGrad?: bool}';
export const REDUCTION = '"mean"|"sum"|"none"';
export const INTS = 'int|int[]';
export const BOUND = 'tensor|number|null';
export const UNARY = 'x: tensor';
export const BINARY = `a: ${LIKE}, b: ${LIKE}`;
export const REDUCE = `x: tensor, dim?: ${DIMS}, keepdim?: bool`;
export const VAR = `x: tensor, dim?: ${DIMS}, options?: {correction?: number, keepdim?: bool}`;
export const INDEX_SPEC = 'int|string|null|bool|tensor|any[]|{start?: int|null, end?: int|null, step?: int}';
export const RANDOM = '{dtype?: dtype, device?: string, requiresGrad?: bool, generator?: object}';
export const GENERATOR = '{generator?: object}';
export const CLOSE = '{rtol?: number, atol?: number, equalNan?: bool}';
export const QUANTILE =
  'x: tensor, q: number|tensor, dim?: int|null, keepdim?: bool, options?: {interpolation?: "linear"|"lower"|"higher"|"midpoint"|"nearest"}';
export const UNIQUE = 'returnInverse?: bool, returnCounts?: bool, dim?: int|null';
export const BACKWARD = '{retainGraph?: bool, createGraph?: bool, inputs?: tensor|tensor[]}';
export const SCALE = '{beta?: number, alpha?: number}';
export const INTERPOLATE = `size?: ${INTS}|null, scaleFactor?: number|number[]|null, mode?: "nearest"|"linear"|"bilinear"|"bicubic", alignCorners?: bool|null, recomputeScaleFactor?: bool|null`;
export const FOLD = `dilation?: ${INTS}, padding?: ${INTS}, stride?: ${INTS}`;
