import type * as linalg from '../../linalg/index.js';
import type * as fft from '../../fft/index.js';
import { DIMS, CREATION, BACKWARD } from './fragments.js';

const ONE_OR_MANY = 'tensor|tensor[]';

/** torch.linalg (the `linalg` namespace, linalg/index.ts). */
export const LINALG = {
  det: 'A: tensor',
  slogdet: 'A: tensor',
  inv: 'A: tensor',
  solve: 'A: tensor, B: tensor, options?: {left?: bool}',
  luFactor: 'A: tensor',
  luFactorEx: 'A: tensor',
  luSolve: 'LU: tensor, pivots: tensor, B: tensor, options?: {left?: bool, adjoint?: bool}',
  solveTriangular: 'A: tensor, B: tensor, options: {upper?: bool, left?: bool, unitriangular?: bool}',
  cholesky: 'A: tensor, options?: {upper?: bool}',
  choleskyEx: 'A: tensor, options?: {upper?: bool}',
  qr: 'A: tensor, mode?: "reduced"|"complete"|"r"',
  eigh: 'A: tensor, UPLO?: "L"|"U"',
  eigvalsh: 'A: tensor, UPLO?: "L"|"U"',
  svd: 'A: tensor, fullMatrices?: bool',
  svdvals: 'A: tensor',
  pinv: 'A: tensor, options?: {atol?: number, rtol?: number, hermitian?: bool}',
  matrixRank: 'A: tensor, options?: {atol?: number, rtol?: number, hermitian?: bool}',
  lstsq: 'A: tensor, B: tensor, options?: {rcond?: number|null, driver?: "gels"|"gelsy"|"gelsd"|"gelss"|null}',
  vectorNorm: `x: tensor, ord?: number, dim?: ${DIMS}, keepdim?: bool`,
  matrixNorm: 'A: tensor, ord?: number|"fro"|"nuc", dim?: int[], keepdim?: bool',
  norm: `A: tensor, ord?: number|"fro"|"nuc"|null, dim?: ${DIMS}, keepdim?: bool`,
  matrixPower: 'A: tensor, n: int',
  multiDot: 'tensors: tensor[]',
  cross: 'a: tensor, b: tensor, dim?: int',
} satisfies Record<keyof typeof linalg, string>;

const NORM = 'norm?: "backward"|"ortho"|"forward"|null';
const FFT1 = `input: tensor, n?: int|null, dim?: int, ${NORM}`;
const FFT2 = `input: tensor, s?: int[]|null, dim?: int[], ${NORM}`;
const FFTN = `input: tensor, s?: int[]|null, dim?: int|int[]|null, ${NORM}`;
const PAIRS = 'input: tensor';

/** torch.fft (the `fft` namespace, fft/index.ts). */
export const FFT = {
  fft: FFT1,
  ifft: FFT1,
  rfft: FFT1,
  irfft: FFT1,
  fft2: FFT2,
  ifft2: FFT2,
  rfft2: FFT2,
  irfft2: FFT2,
  fftn: FFTN,
  ifftn: FFTN,
  rfftn: FFTN,
  irfftn: FFTN,
  fftfreq: `n: int, d?: number, options?: ${CREATION}`,
  rfftfreq: `n: int, d?: number, options?: ${CREATION}`,
  fftshift: 'input: tensor, dim?: int|int[]|null',
  ifftshift: 'input: tensor, dim?: int|int[]|null',
  viewAsComplex: PAIRS,
  viewAsReal: PAIRS,
  complex: 'real: tensor, imag: tensor',
  real: PAIRS,
  imag: PAIRS,
  abs: PAIRS,
  angle: PAIRS,
  conj: PAIRS,
} satisfies Record<keyof typeof fft, string>;

/** torch.autograd's functions and the grad modes. */
export const AUTOGRAD = {
  grad: `outputs: ${ONE_OR_MANY}, inputs: ${ONE_OR_MANY}, options?: {gradOutputs?: tensor|data|null, retainGraph?: bool, createGraph?: bool, allowUnused?: bool}`,
  vjp: `fn: function, inputs: ${ONE_OR_MANY}, v?: ${ONE_OR_MANY}`,
  jvp: `fn: function, inputs: ${ONE_OR_MANY}, v: ${ONE_OR_MANY}`,
  jacobian: `fn: function, inputs: ${ONE_OR_MANY}, options?: {createGraph?: bool}`,
  hessian: `fn: function, inputs: ${ONE_OR_MANY}`,
  hvp: `fn: function, inputs: ${ONE_OR_MANY}, v: ${ONE_OR_MANY}`,
  vhp: `fn: function, inputs: ${ONE_OR_MANY}, v: ${ONE_OR_MANY}`,
  gradcheck: 'fn: function, inputs: tensor[], options?: {eps?: number, atol?: number, rtol?: number}',
  gradgradcheck: 'fn: function, inputs: tensor[], options?: {eps?: number, atol?: number, rtol?: number}',
  noGrad: 'fn: function',
  enableGrad: 'fn: function',
  inferenceMode: 'fn: function',
  detectAnomaly: 'fn: function',
  setGradEnabled: 'mode: bool',
  setDetectAnomaly: 'mode: bool',
  isGradEnabled: '',
  isInferenceModeEnabled: '',
  isAnomalyEnabled: '',
  // the autograd namespace's own (torch.autograd.backward, torch.autograd.function.once_differentiable)
  backward: `tensors: ${ONE_OR_MANY}, gradTensors?: tensor|data|(tensor|data|null)[]|null, options?: ${BACKWARD}`,
  onceDifferentiable: 'backward: function',
  vmap: 'fn: function, options?: {inDims?: int|null|(int|null)[], outDims?: int|int[]}',
};

/** torch.autograd.forward_ad (the `autograd.forwardAd` namespace). */
export const FORWARD_AD = {
  dualLevel: 'fn: function',
  makeDual: 'primal: tensor, tangent: tensor',
  unpackDual: 't: tensor',
};

/** torch.autograd.graph's saved-tensor hooks (the `autograd.graph` namespace). */
export const GRAPH = {
  savedTensorsHooks: 'packHook: function, unpackHook: function, fn: function',
  disableSavedTensorsHooks: 'errorMessage: string, fn: function',
  saveOnCpu: 'fn: function, options?: {pinMemory?: bool}',
};

/** torch.utils's functions (the `utils` namespace). */
export const UTILS = {
  checkpoint: 'fn: function, ...args: any',
};

/** The seed and the memory scopes. */
export const SCOPES = {
  manualSeed: 'seed: int|bigint',
  seed: '',
  initialSeed: '',
  getRngState: '',
  setRngState: 'state: object',
  tidy: 'fn: function',
  keep: 't: tensor',
  memory: 'options?: {leaks?: bool}',
};

/** `memory.recordHistory`, a property of `memory`. */
export const MEMORY_HISTORY = 'enabled?: bool, options?: {stacks?: bool}';

/** The safetensors namespace. */
export const SAFETENSORS = {
  save: 'tensors: object, metadata?: object, options?: {int32?: "I64"|"I32"}',
  load: 'bytes: object, options?: {device?: string}',
  serialize: 'entries: object, metadata?: object, options?: {int32?: "I64"|"I32"}',
  deserialize: 'input: object',
};

/** @ag/core/node: the safetensors file helpers (Node only). */
export const NODE_FILES = {
  saveFile: 'tensors: object, path: string, metadata?: object, options?: {int32?: "I64"|"I32"}',
  loadFile: 'path: string, options?: {device?: string}',
};
