import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBackend, safetensors, tensor, unregisterBackend } from '../src/index.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import * as node from '../src/node.js';
import { fakeBackend } from './fake-backend.js';

const dir = mkdtempSync(join(tmpdir(), 'ag-node-files-'));

beforeAll(() => {
  registerBackend(fakeBackend('cpu'));
});
afterAll(() => {
  unregisterBackend('cpu');
  rmSync(dir, { recursive: true, force: true });
});

describe('@ag/core/node: safetensors files', () => {
  it('exports saveFile, loadFile and onnx (whose export writes a file) only, and the main entry has neither file function', () => {
    expect(Object.keys(node).sort()).toEqual(['loadFile', 'onnx', 'saveFile']);
    expect(safetensors).not.toHaveProperty('saveFile');
    expect(safetensors).not.toHaveProperty('loadFile');
  });

  it('writes the bytes safetensors.save makes, and reads them back', async () => {
    const path = join(dir, 'w.safetensors');
    const tensors = {
      w: tensor([
        [1, 2],
        [3, 4],
      ]),
      b: tensor([0.5]),
    };
    await node.saveFile(tensors, path, { format: 'pt' });
    expect(Array.from(readFileSync(path))).toEqual(Array.from(await safetensors.save(tensors, { format: 'pt' })));
    const back = await node.loadFile(path);
    expect(Object.keys(back).sort()).toEqual(['b', 'w']);
    expect(back.w!.shape).toEqual([2, 2]);
    expect(await back.w!.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("passes serialize's options on: int32 written as I32 instead of PyTorch's I64", async () => {
    const path = join(dir, 'i.safetensors');
    await node.saveFile({ i: tensor([1, -2], { dtype: 'int32' }) }, path, undefined, { int32: 'I32' });
    const bytes = readFileSync(path);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString()) as Record<string, { dtype: string }>;
    expect(header.i!.dtype).toBe('I32');
    const data = Uint8Array.from(bytes.subarray(8 + headerLength)); // a copy: the read buffer may be pooled
    expect(Array.from(new Int32Array(data.buffer))).toEqual([1, -2]);
    expect(() => node.saveFile({}, path, undefined, { int32: 'I16' } as never)).toThrow(/saveFile: .*int32/);
  });

  it('names the function, the argument and what it expects on bad input', async () => {
    expect(() => node.saveFile({}, 42 as unknown as string)).toThrow(
      /^saveFile: argument 2 \('path'\) got number 42; it expects a string/,
    );
    expect(() => node.loadFile('x', { dev: 'cpu' } as never)).toThrow(/loadFile: .*'dev'.*device/);
    await expect(node.loadFile(join(dir, 'missing.safetensors'))).rejects.toThrow(/ENOENT/);
  });
});

/** Every module specifier the sources reachable from `entry` import (statically or with `import()`). */
function reachableSpecifiers(entry: string): Set<string> {
  const seen = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const spec = m[1]!;
      specifiers.add(spec);
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      visit(existsSync(target) ? target : join(target.replace(/\.ts$/, ''), 'index.ts'));
    }
  };
  visit(entry);
  return specifiers;
}

describe('the main entry of @ag/core', () => {
  const src = join(dirname(fileURLToPath(import.meta.url)), '../src');

  it('imports nothing from node: (browsers and bundlers load it as it is)', () => {
    const specs = reachableSpecifiers(join(src, 'index.ts'));
    expect(specs.size).toBeGreaterThan(50);
    expect([...specs].filter((s) => s.startsWith('node:'))).toEqual([]);
  });

  it('leaves the files to @ag/core/node, which does import node:fs', () => {
    expect(reachableSpecifiers(join(src, 'node.ts'))).toContain('node:fs/promises');
  });
});

describe('@ag/core/node: saving replaces a file whole or not at all', () => {
  /** The directory's entries other than `keep`: a temporary file left behind would show here. */
  const others = (d: string, keep: string[]) => readdirSync(d).filter((f) => !keep.includes(f));

  it('leaves the old file and no temporary file when a tensor fails to read midway', async () => {
    const d = mkdtempSync(join(dir, 'midway-'));
    const path = join(d, 'ckpt.safetensors');
    await node.saveFile({ w: tensor([1, 2, 3]) }, path);
    const before = readFileSync(path);
    const gone = tensor([4, 5]);
    gone.dispose();
    // 'a' is written first (the writer orders by dtype, then name), then reading 'b' fails.
    await expect(node.saveFile({ a: tensor([7, 8, 9]), b: gone }, path)).rejects.toThrow(/disposed/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(others(d, ['ckpt.safetensors'])).toEqual([]);
    expect(await (await node.loadFile(path)).w!.toArray()).toEqual([1, 2, 3]);
  });

  it('leaves the old file when the bytes stop coming after some were written', async () => {
    const d = mkdtempSync(join(dir, 'stream-'));
    const path = join(d, 'out.bin');
    writeFileSync(path, 'old');
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1 << 16).fill(1);
      await new Promise((r) => setTimeout(r, 1));
      throw new Error('the source failed');
    }
    await expect(writeFileAtomic(path, chunks())).rejects.toThrow('the source failed');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(others(d, ['out.bin'])).toEqual([]);
  });

  it('removes its temporary file when the rename fails (the target is a directory)', async () => {
    const d = mkdtempSync(join(dir, 'rename-'));
    const target = join(d, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    await expect(node.saveFile({ w: tensor([1]) }, target)).rejects.toThrow(/E(ISDIR|EXIST|NOTEMPTY|PERM)/);
    expect(readdirSync(target)).toEqual(['inside']);
    expect(others(d, ['taken'])).toEqual([]);
  });

  it('writes nothing into a directory that does not exist', async () => {
    const path = join(dir, 'no-such-dir', 'w.safetensors');
    await expect(node.saveFile({ w: tensor([1]) }, path)).rejects.toThrow(/ENOENT/);
    expect(existsSync(dirname(path))).toBe(false);
  });

  it('replaces the file, keeping its permissions, and concurrent saves leave exactly one whole file', async () => {
    const d = mkdtempSync(join(dir, 'replace-'));
    const path = join(d, 'w.safetensors');
    await node.saveFile({ w: tensor([0]) }, path);
    chmodSync(path, 0o640);
    await node.saveFile({ w: tensor([1, 2]) }, path);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(await (await node.loadFile(path)).w!.toArray()).toEqual([1, 2]);
    const saves = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => node.saveFile({ w: tensor(new Array(i + 1).fill(i)) }, path));
    await Promise.all(saves);
    const w = await (await node.loadFile(path)).w!.toArray();
    expect(w).toEqual(new Array((w as number[]).length).fill((w as number[]).length - 1));
    expect(others(d, ['w.safetensors'])).toEqual([]);
  });
});
