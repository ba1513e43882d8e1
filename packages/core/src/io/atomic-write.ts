import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that no reader ever sees half of it: the bytes go to a new temporary file
 * beside the target (same directory, so the same file system, where rename is atomic), are
 * flushed to the disk, and only then is the temporary file renamed over the target. If anything
 * fails on the way (a chunk that cannot be made, a full disk, a target that is a directory), the
 * temporary file is removed and the target keeps what it held. Node only: @ag/core/node's
 * `saveFile` and `onnx.export` write through here.
 */
export async function writeFileAtomic(
  path: string,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<void> {
  // A dot file with a random part: hidden from most listings, and two writers never share one.
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o666,
  );
  const handle = await open(temp, 'wx', mode);
  try {
    let position = 0;
    for await (const chunk of chunks) {
      for (let done = 0; done < chunk.length;) {
        const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, position);
        done += bytesWritten;
        position += bytesWritten;
      }
    }
    // On the disk before the rename, so a crash just after it cannot leave an empty target.
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw e;
  }
}
