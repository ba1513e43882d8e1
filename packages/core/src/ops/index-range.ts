import { hostValues } from '../read.js';
import type { Tensor } from '../tensor.js';
import { IndexError } from '../errors.js';

/**
 * Checks that int32 index values lie in [0, size), or equal `ignore`, and throws
 * `describe(v)` for the first one that does not. Where the backend keeps values on the host (the
 * CPU) they are looked at now. Elsewhere looking would force a read back, so the backend checks
 * them on the device if it can (`Backend.checkIndices`) and the next read throws, as CUDA PyTorch
 * reports a device-side assert at the next synchronization.
 *
 * The error is an IndexError unless `Kind` says otherwise: ops that check other values this way
 * (a mask's count of true elements, a singular matrix's factorization code) pass their own kind.
 */
export function checkIndexRange(
  op: string,
  index: Tensor,
  size: number,
  ignore: number | null,
  describe: (value: number) => string,
  Kind: new (message: string) => Error = IndexError,
): void {
  if (index.numel() === 0) return;
  const backend = index.backend;
  if (backend.readSync === undefined) {
    backend.checkIndices?.(index, size, ignore, describe, Kind);
    return;
  }
  for (const v of hostValues(index, op)) {
    if ((v < 0 || v >= size) && v !== ignore) throw new Kind(describe(v));
  }
}
