import { open, type FileHandle } from 'node:fs/promises';
// Through the package's own name, as a consumer imports it: the built @ag/core/node then loads the
// main entry (one Tensor class, one registry of backends) instead of a copy of it.
import { OutOfMemoryError, tensor, type safetensors, type Tensor } from '@ag/core';
import { writeFileAtomic } from './atomic-write.js';
import { formatError } from './refuse.js';
import { decodeTensors } from './safetensors-dtypes.js';
import { parseHeader, readHeaderLength } from './safetensors-header.js';
import { checkTensors, encodeValues, layout } from './safetensors-layout.js';

/**
 * The safetensors file helpers: Node only, so they live behind `@ag/core/node` and the main entry
 * (what browsers and bundlers load) imports nothing from `node:`.
 */

/**
 * Writes tensors to a .safetensors file, as `safetensors.torch.save_file` does. The header goes
 * first, then each tensor's values as they are read back (one tensor in memory at a time), into
 * a temporary file that replaces `path` only once it is whole: a save that fails or is
 * interrupted leaves the old file as it was.
 */
export async function saveFile(
  tensors: Record<string, Tensor>,
  path: string,
  metadata?: Record<string, string>,
  options: safetensors.SerializeOptions = {},
): Promise<void> {
  checkTensors(tensors, 'saveFile');
  const { head, order } = layout(tensors, metadata, options, 'saveFile');
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield head;
    for (const { name, code } of order) {
      const t = tensors[name]!;
      yield encodeValues({ dtype: t.dtype, shape: [...t.shape], data: await t.toTypedArray() }, code, name, 'saveFile');
    }
  }
  await writeFileAtomic(path, chunks());
}

/**
 * Reads a .safetensors file onto `device` (the default device when absent), as `load_file` does.
 * The 8-byte length and the header are read and checked first, against the file's real size, so
 * a file that claims more than it holds is refused having cost its first bytes.
 */
export async function loadFile(path: string, options: { device?: string } = {}): Promise<Record<string, Tensor>> {
  const op = 'loadFile';
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const n = readHeaderLength(await readAt(file, 0, Math.min(8, size), op), size, op);
    const dataLength = size - 8 - n;
    const header = parseHeader(await readAt(file, 8, n, op), dataLength, op);
    const entries = decodeTensors(header.tensors, await readAt(file, 8 + n, dataLength, op), op);
    const out = Object.create(null) as Record<string, Tensor>;
    for (const [name, e] of Object.entries(entries))
      out[name] = tensor(e.data, { dtype: e.dtype, ...options }).reshape(e.shape);
    return out;
  } finally {
    await file.close();
  }
}

/** `length` bytes of the file from `position`; a file that ends sooner (it shrank since stat) is refused. */
async function readAt(file: FileHandle, position: number, length: number, op: string): Promise<Uint8Array> {
  let out: Uint8Array;
  try {
    out = new Uint8Array(length);
  } catch {
    throw new OutOfMemoryError(`${op}: the file's ${length} bytes of data do not fit in one buffer of this runtime`);
  }
  for (let done = 0; done < length;) {
    const { bytesRead } = await file.read(out, done, length - done, position + done);
    if (bytesRead === 0)
      throw formatError(
        op,
        `the file ended at byte ${position + done}, expected ${position + length} (did it shrink while it was read?)`,
      );
    done += bytesRead;
  }
  return out;
}
