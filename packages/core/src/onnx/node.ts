// By the package's name, as the build leaves it external: the Node entry then shares no code, and
// no declaration chunk, with the main one.
import { onnx } from '@ag/core';
import { writeFileAtomic } from '../io/atomic-write.js';

type ExportModel = typeof onnx.export;

/**
 * torch.onnx.export's own signature, `(model, args, f, options)`, for Node: the model written to
 * the file `f`. The main entry's `onnx.export` returns the bytes instead, as a browser has no
 * file system; this one returns them too. The file is replaced whole or not at all (see
 * writeFileAtomic).
 */
export async function exportToFile(
  model: Parameters<ExportModel>[0],
  args: Parameters<ExportModel>[1],
  f: string,
  options?: onnx.ExportOptions,
): Promise<Uint8Array> {
  const bytes = await onnx.export(model, args, options);
  await writeFileAtomic(f, [bytes]);
  return bytes;
}
