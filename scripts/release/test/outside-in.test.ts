import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, chromiumPath, runInBrowser } from '../browser-check.ts';
import { makeConsumerProject, runNode, typecheck, type ConsumerProject } from '../consumer-project.ts';
import { kB } from '../pack.ts';

/**
 * Proven from the outside: every published package packed, installed with npm into a fresh
 * project outside the workspace, and used there as a user would: the seed tutorial with Node
 * through import and through require, the published types under three module resolutions, and
 * a Vite bundle in headless Chromium computing a.grad on the CPU and on WebGPU. The expected
 * values are PyTorch's: the seed tutorial's printed lines (checked cell by cell by
 * @ag/conformance's suite) and the README example's gradient, d/da sum((a + 2)^2) = 2(a + 2) = 6.
 */

let project: ConsumerProject;

beforeAll(() => {
  project = makeConsumerProject();
  for (const [name, t] of project.tarballs) console.log(`${name}: ${kB(t.packedBytes)} packed`);
});

afterAll(() => {
  if (project !== undefined && process.env.AG_KEEP_CONSUMER === undefined)
    rmSync(dirname(project.dir), { recursive: true, force: true });
});

const PRINTED = ['tensor(36., grad_fn=<SumBackward0>)', 'tensor([[6., 6.],', '        [6., 6.]])'];

describe('the published packages, installed with npm outside the workspace', () => {
  it('run the seed tutorial with Node through import', () => {
    const out = runNode(project, 'seed.mjs');
    expect(out).toMatch(/^import: seed tutorial, In \[1\] to In \[14\]/);
    expect(out).toContain(PRINTED.join('\n'));
    expect(out).toContain('safetensors round trip: [[6,6],[6,6]]');
  });

  it('run the seed tutorial with Node through require (CommonJS)', () => {
    const out = runNode(project, 'seed.cjs');
    expect(out).toMatch(/^require: seed tutorial, In \[1\] to In \[14\]/);
    expect(out).toContain(PRINTED.join('\n'));
    expect(out).toContain('safetensors round trip: [[6,6],[6,6]]');
  });

  it.each(['bundler', 'node16', 'nodenext'] as const)('type-check a consumer under moduleResolution %s', (r) => {
    expect(typecheck(project, r)).toBe('');
  });

  it('bundle with Vite and compute a.grad in headless Chromium, on the CPU and on WebGPU', async (ctx) => {
    if (!hasChromium()) {
      if (process.env.CI === 'true') throw new Error(`no Chromium at ${chromiumPath}: required under CI=true`);
      console.warn(`browser check skipped: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
      ctx.skip();
    }
    const run = await runInBrowser(project.dir);
    console.log(
      `browser bundle: ${kB(run.bundleBytes)} minified, ${kB(run.bundleGzipBytes)} gzipped; ${run.screenshot}`,
    );
    const grads = [
      [6, 6],
      [6, 6],
    ];
    const printed = 'tensor([[6., 6.],\n        [6., 6.]])';
    expect(run.result).toEqual({
      cpu: { out: 36, grad: grads, printed },
      webgpu: { out: 36, grad: grads, printed: `${printed.slice(0, -1)}, device='webgpu')` },
    });
  });
});
