import { writeFile } from 'node:fs/promises';
import { exportModel, type ExportOptions } from './export.js';

/**
 * torch.onnx.export's own signature, `(model, args, f, options)`, for Node: the model written to
 * the file `f`. The main entry's `onnx.export` returns the bytes instead, as a browser has no
 * file system; this one returns them too.
 */
export async function exportToFile(
  model: Parameters<typeof exportModel>[0],
  args: Parameters<typeof exportModel>[1],
  f: string,
  options?: ExportOptions,
): Promise<Uint8Array> {
  const bytes = await exportModel(model, args, options);
  await writeFile(f, bytes);
  return bytes;
}
