import { readFile, writeFile } from 'node:fs/promises';
import type { Tensor } from '../tensor.js';
import { load, save, type SerializeOptions } from './safetensors.js';

/**
 * The safetensors file helpers: Node only, so they live behind `@ag/core/node` and the main entry
 * (what browsers and bundlers load) imports nothing from `node:`.
 */

/** Writes tensors to a .safetensors file, as `safetensors.torch.save_file` does. */
export async function saveFile(
  tensors: Record<string, Tensor>,
  path: string,
  metadata?: Record<string, string>,
  options?: SerializeOptions,
): Promise<void> {
  await writeFile(path, await save(tensors, metadata, options));
}

/** Reads a .safetensors file onto `device` (the default device when absent), as `load_file` does. */
export async function loadFile(path: string, options: { device?: string } = {}): Promise<Record<string, Tensor>> {
  return load(await readFile(path), options);
}
