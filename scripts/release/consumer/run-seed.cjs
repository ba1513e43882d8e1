'use strict';
/**
 * The seed tutorial as a user runs it, given ag's packages however they were loaded (import in
 * seed.mjs, require in seed.cjs): every cell through @ag/conformance's runner-free suite (each
 * printed line against PyTorch's), then the README's example printed, and its gradient through a
 * .safetensors file with @ag/core/node; @ag/backend-webgpu only loads. Prints what it did;
 * exits non-zero on a failure.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function runSeed({ core, cpu, conformance, node, gpu }, how) {
  // Every package loads (require(esm) would refuse one with top-level await); WebGPU itself
  // runs in the browser part of the test.
  if (typeof gpu.webgpu !== 'function') throw new Error(`@ag/backend-webgpu through ${how}: no webgpu()`);
  const suite = conformance.conformanceTests({ setup: () => cpu.cpu() });
  const cells = suite.tests.filter((t) => t.group === 'seed tutorial');
  const labels = new Set(conformance.seedCells.map((c) => c.label));
  if (cells.length !== conformance.seedCells.length || !labels.has('In [1]') || !labels.has('In [14]'))
    throw new Error(`expected the seed's cells In [1] to In [14], found ${[...labels].join(', ')}`);
  await suite.setUp();
  try {
    for (const cell of cells) await cell.run();
  } finally {
    suite.tearDown();
  }
  console.log(`${how}: seed tutorial, In [1] to In [14] (${cells.length} tests), every line as PyTorch prints it`);

  core.registerBackend(cpu.cpu());
  const a = core.ones([2, 2], { requiresGrad: true });
  const out = a.add(2).pow(2).sum();
  console.log(await out.repr());
  out.backward();
  console.log(await a.grad.repr());

  const dir = mkdtempSync(join(tmpdir(), 'ag-consumer-'));
  try {
    const file = join(dir, 'grad.safetensors');
    await node.saveFile({ grad: a.grad }, file);
    const back = await node.loadFile(file);
    console.log(`safetensors round trip: ${JSON.stringify(await back.grad.toArray())}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
