import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The task cache is only as good as the task hashes: a package's lint, typecheck and test read
 * their dependencies' sources (the `@ag/source` condition), so an edit there must change their
 * hash, or turbo replays a stale green run. Checked on a copy of the working tree (the real one
 * is never edited while other tasks read it), with turbo's dry run.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const turbo = join(root, 'node_modules/.bin/turbo');
const TASKS = ['lint', 'typecheck', 'test'];

interface DryTask {
  readonly taskId: string;
  readonly package: string;
  readonly task: string;
  readonly hash: string;
  readonly directory: string;
}

let copy = '';

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'ag-task-graph-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root })
    .toString()
    .split('\0')
    .filter((f) => f !== '');
  for (const f of files) {
    try {
      cpSync(join(root, f), join(copy, f));
    } catch (e) {
      // A tracked file deleted in the working tree is simply not part of the copy.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: copy, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'copy');
});

afterAll(() => {
  if (copy !== '') rmSync(copy, { recursive: true, force: true });
});

/** Every hash of `tasks` (lint/typecheck/test by default), by task id, as `turbo run --dry=json` computes it. */
function hashes(env: Record<string, string | undefined> = {}, tasks: readonly string[] = TASKS): Map<string, DryTask> {
  const merged: Record<string, string | undefined> = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', ...env };
  const environment = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
  const out = execFileSync(turbo, ['run', ...tasks, '--dry=json'], {
    cwd: copy,
    env: environment,
    maxBuffer: 64 << 20,
  });
  const found = (JSON.parse(out.toString()) as { tasks: DryTask[] }).tasks.filter((t) => tasks.includes(t.task));
  return new Map(found.map((t) => [t.taskId, t]));
}

/** The task ids whose hash differs between two dry runs. */
function changed(before: Map<string, DryTask>, after: Map<string, DryTask>): Set<string> {
  return new Set([...before].filter(([id, t]) => after.get(id)?.hash !== t.hash).map(([id]) => id));
}

/** Appends a line to a file of the copy, runs `fn`, and puts the file back. */
function withEdit<T>(file: string, line: string, fn: () => T): T {
  const path = join(copy, file);
  const original = readFileSync(path);
  appendFileSync(path, line);
  try {
    return fn();
  } finally {
    cpSync(join(root, file), path);
    expect(readFileSync(path).equals(original)).toBe(true);
  }
}

/** The workspace packages that depend on `name`, directly or not, from their package.json files. */
function dependents(name: string, tasks: Map<string, DryTask>): Set<string> {
  const deps = new Map<string, string[]>();
  for (const t of tasks.values()) {
    const json = JSON.parse(readFileSync(join(copy, t.directory, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    deps.set(t.package, Object.keys({ ...json.dependencies, ...json.devDependencies, ...json.peerDependencies }));
  }
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, ds] of deps) {
      if (!found.has(p) && ds.some((d) => d === name || found.has(d))) {
        found.add(p);
        grew = true;
      }
    }
  }
  return found;
}

describe('task hashes cover what each task reads', () => {
  it("an edit to @ag/core's sources changes the hash of every task of core and of every package reading it", () => {
    const before = hashes();
    const after = withEdit('packages/core/src/index.ts', '\n// edited\n', () => hashes());
    const diff = changed(before, after);
    expect(diff).toContain('@ag/backend-cpu#test');
    const readers = dependents('@ag/core', before);
    expect(readers.size).toBeGreaterThan(3);
    for (const p of ['@ag/core', ...readers])
      for (const t of TASKS) if (before.has(`${p}#${t}`)) expect(diff).toContain(`${p}#${t}`);
  });

  it('an edit to a package changes no hash of a package that does not read it', () => {
    const before = hashes();
    // backend-webgpu's tests read backend-cpu (the host device of cross-device cases), not the reverse.
    const after = withEdit('packages/backend-webgpu/src/index.ts', '\n// edited\n', () => hashes());
    const diff = changed(before, after);
    expect(diff).toContain('@ag/backend-webgpu#test');
    for (const t of TASKS) {
      expect(diff).not.toContain(`@ag/core#${t}`);
      expect(diff).not.toContain(`@ag/backend-cpu#${t}`);
    }
  });

  const shared =
    (JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8')) as { globalDependencies?: string[] })
      .globalDependencies ?? [];

  it('the shared configs are global dependencies', () => {
    for (const f of ['tsconfig.base.json', 'eslint.config.js', 'vitest.shared.ts', 'tsup.shared.ts'])
      expect(shared).toContain(f);
  });

  it.each(shared)('an edit to %s changes every task hash', (file) => {
    const before = hashes();
    const comment = file.endsWith('.json') ? ' ' : '\n// edited\n';
    const after = withEdit(file, comment, () => hashes());
    const diff = changed(before, after);
    expect([...before.keys()].filter((id) => !diff.has(id))).toEqual([]);
  });

  it('CI=true and a local run have different hashes (CI fails where a local run skips)', () => {
    const local = hashes({ CI: undefined });
    const ci = hashes({ CI: 'true' });
    const diff = changed(local, ci);
    expect([...local.keys()].filter((id) => !diff.has(id))).toEqual([]);
  });
});

describe('the release checks are cached by what they read', () => {
  const RELEASE = ['check:package', 'test:outside'];
  const PUBLISHED = ['@ag/core', '@ag/backend-cpu', '@ag/backend-webgpu', '@ag/conformance'];

  it('an edit to scripts/release changes every package check and the outside-in test', () => {
    const before = hashes({}, RELEASE);
    const diff = changed(
      before,
      withEdit('scripts/release/pack.ts', '\n// edited\n', () => hashes({}, RELEASE)),
    );
    for (const p of PUBLISHED) expect(diff).toContain(`${p}#check:package`);
    expect(diff).toContain('//#test:outside');
  });

  it("an edit to core's README (in its tarball) changes its package check and the outside-in test", () => {
    const before = hashes({}, RELEASE);
    const diff = changed(
      before,
      withEdit('packages/core/README.md', '\nedited\n', () => hashes({}, RELEASE)),
    );
    expect(diff).toContain('@ag/core#check:package');
    expect(diff).toContain('//#test:outside');
  });
});
