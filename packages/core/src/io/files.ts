import { readFile, writeFile } from 'node:fs/promises';
// Through the package's own name, as a consumer imports it: the built @ag/core/node then loads the
// main entry (one Tensor class, one registry of backends) instead of a copy of it.
import { safetensors, type Tensor } from '@ag/core';

/**
 * The safetensors file helpers: Node only, so they live behind `@ag/core/node` and the main entry
 * (what browsers and bundlers load) imports nothing from `node:`.
 */

/** Writes tensors to a .safetensors file, as `safetensors.torch.save_file` does. */
export async function saveFile(
  tensors: Record<string, Tensor>,
  path: string,
  metadata?: Record<string, string>,
  options?: safetensors.SerializeOptions,
): Promise<void> {
  await writeFile(path, await safetensors.save(tensors, metadata, options));
}

/** Reads a .safetensors file onto `device` (the default device when absent), as `load_file` does. */
export async function loadFile(path: string, options: { device?: string } = {}): Promise<Record<string, Tensor>> {
  return safetensors.load(await readFile(path), options);
}
