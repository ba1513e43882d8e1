import { FormatError } from '../errors.js';

/**
 * The error for a file a loader refuses: `op: what the file holds, what it should hold; nothing
 * was loaded`. Every check runs before a tensor is made, so the last words are always true.
 */
export function formatError(op: string, why: string): FormatError {
  return new FormatError(`${op}: ${why}; nothing was loaded`);
}
