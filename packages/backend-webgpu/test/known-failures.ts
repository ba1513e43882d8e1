import type { CaseId } from '@ag/conformance';
import { allCases } from '@ag/conformance';
import { isStorageDtype } from '@ag/core';

const NO_F64 = 'float64 does not exist in WGSL; the case creates a float64 tensor';

/** Op cases that make a float64 tensor, found from the cases' data so new ones need no entry. */
const float64Cases = Object.fromEntries(
  allCases.ops
    .filter((c) => c.dtype === 'float64' || c.inputs.some((i) => i.dtype === 'float64'))
    .map((c) => [c.id, NO_F64]),
) as Partial<Record<CaseId, string>>;

const NO_STORAGE_DTYPES =
  'float16, bfloat16, uint8 and int8 are not stored on WebGPU yet (its packed-word copy and assign kernels are not written); core refuses them there with an error naming the supported dtypes';

/** Cases that make a tensor of a storage dtype, found from the cases' data. */
const storageDtypeCases = Object.fromEntries(
  allCases.ops
    .filter((c) => [c.dtype, ...c.inputs.map((i) => i.dtype)].some((d) => d !== undefined && isStorageDtype(d)))
    .map((c) => [c.id, NO_STORAGE_DTYPES]),
) as Partial<Record<CaseId, string>>;

/** Cases WebGPU cannot pass as written, with why (a listed case that passes fails the run). */
export const knownFailures: Partial<Record<CaseId, string>> = {
  ...float64Cases,
  ...storageDtypeCases,
  'dtype/float16-stores-rounded-to-nearest-even': NO_STORAGE_DTYPES,
  'dtype/bfloat16-stores-rounded-to-nearest-even': NO_STORAGE_DTYPES,
  'dtype/float16-arithmetic-rounds-each-result': NO_STORAGE_DTYPES,
  'dtype/float16-gradients-are-float16': NO_STORAGE_DTYPES,
  'dtype/uint8-and-int8-wrap-and-promote': NO_STORAGE_DTYPES,
  'dtype/casts-to-8-bit-go-through-int64': NO_STORAGE_DTYPES,
  'dtype/in-place-writes-into-storage-dtypes': NO_STORAGE_DTYPES,
  'dtype/storage-dtypes-move-between-devices': NO_STORAGE_DTYPES,
  'safetensors/storage-dtypes-load-onto-the-device-and-save-back': NO_STORAGE_DTYPES,
  'erf/tails-inf-nan': NO_F64,
  'logSigmoid/stable-extremes': NO_F64,
  'softplus/large-no-overflow': NO_F64,
  log10: 'without float64, gradcheck steps by eps = 1e-2 in float32, and 0.01 - 1e-2 = 0, where log10 is -inf',
  'anomaly/nan-in-backward-names-node-and-forward-site':
    'detectAnomaly checks gradients for NaN synchronously inside backward, which needs synchronous reads',
  'oneHot/inferred': 'inferring numClasses needs the values on the host synchronously (core refuses on async devices)',
};
