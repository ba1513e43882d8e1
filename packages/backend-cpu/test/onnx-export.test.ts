import {
  manualSeed,
  nn,
  onnx,
  randn,
  registerBackend,
  setDefaultDevice,
  unregisterBackend,
  type Tensor,
} from '@ag/core';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx as nodeOnnx } from '@ag/core/node';
import { cpu } from '../src/index.js';
import { decodeModel } from './onnx-decode.js';

/**
 * Issue 16: models exported with `onnx.export` run in ONNX Runtime (its CPU provider, from the
 * onnxruntime-node package) and give ag's outputs, within 1e-5.
 */

async function runOrt(bytes: Uint8Array, feeds: Record<string, Tensor>): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(bytes);
  const inputs: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feeds))
    inputs[name] = new ort.Tensor('float32', Float32Array.from(await t.toTypedArray()), [...t.shape]);
  const out = await session.run(inputs);
  return session.outputNames.map((n) => out[n]!.data as Float32Array);
}

async function expectClose(actual: Float32Array, expected: Tensor): Promise<void> {
  const want = await expected.toTypedArray();
  expect(actual.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - want[i]!));
  expect(worst).toBeLessThan(1e-5);
}

/** Exports `model` at `x`, runs it in ONNX Runtime and compares with ag's forward. */
async function roundTrip(model: nn.Module, x: Tensor): Promise<Uint8Array> {
  const bytes = await onnx.export(model, x);
  const [got] = await runOrt(bytes, { input: x });
  await expectClose(got!, model(x) as Tensor);
  return bytes;
}

class LastStep extends nn.Module {
  readonly lstm = new nn.LSTM(6, 10, { numLayers: 2 });
  readonly head = new nn.Linear(10, 3);
  forward(x: Tensor): Tensor {
    const [y] = this.lstm(x) as [Tensor, unknown];
    return this.head(y.select(0, -1));
  }
}

describe('onnx.export run in ONNX Runtime', () => {
  beforeAll(() => {
    registerBackend(cpu());
    setDefaultDevice('cpu');
    manualSeed(0);
  });
  afterAll(() => {
    unregisterBackend('cpu');
  });

  it('an MLP, with a dynamic batch axis run at two batch sizes', async () => {
    const model = new nn.Sequential(
      new nn.Linear(8, 16),
      new nn.ReLU(),
      new nn.Linear(16, 16),
      new nn.GELU(),
      new nn.Linear(16, 4),
      new nn.LogSoftmax(-1),
    );
    const bytes = await onnx.export(model, randn([3, 8]), {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    for (const batch of [3, 7]) {
      const x = randn([batch, 8]);
      const [got] = await runOrt(bytes, { input: x });
      await expectClose(got!, model(x));
    }
  });

  it('a CNN: Conv2d, BatchNorm2d (eval), pooling, flatten, linear', async () => {
    const model = new nn.Sequential(
      new nn.Conv2d(1, 4, 3, { padding: 1 }),
      new nn.BatchNorm2d(4),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Conv2d(4, 8, 3),
      new nn.AvgPool2d(2),
      new nn.Flatten(),
      new nn.Linear(32, 5),
    );
    model.eval();
    await roundTrip(model, randn([2, 1, 12, 12]));
  });

  it('an LSTM (two layers) and a linear head on its last step', async () => {
    await roundTrip(new LastStep(), randn([5, 2, 6]));
  });

  it('a TransformerEncoderLayer, its batch axis (dim 1) dynamic, run at two batch sizes', async () => {
    const model = new nn.TransformerEncoderLayer(16, 4, { dimFeedforward: 32, dropout: 0 });
    model.eval();
    await roundTrip(model, randn([5, 2, 16]));
    const bytes = await onnx.export(model, randn([5, 2, 16]), {
      dynamicAxes: { input: { 1: 'batch' }, output: { 1: 'batch' } },
    });
    for (const batch of [1, 3]) {
      const x = randn([5, batch, 16]);
      const [got] = await runOrt(bytes, { input: x });
      await expectClose(got!, model(x));
    }
  });

  it('writes opset 17, the ONNX nodes of each layer, parameters under their state-dict names, and the dynamic axis as a dim_param', async () => {
    const model = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten());
    const m = decodeModel(await onnx.export(model, randn([1, 1, 6, 6]), { dynamicAxes: { input: { 0: 'batch' } } }));
    expect(m.opset).toBe(17);
    expect(m.ops).toEqual(['Conv', 'Relu', 'MaxPool', 'Reshape', 'Identity']);
    expect(m.initializers).toEqual(expect.arrayContaining(['0.weight', '0.bias']));
    expect(m.inputs).toEqual([{ name: 'input', dims: ['batch', 1, 6, 6] }]);
    // Flatten keeps the batch dim free: the reshape copies it (0) rather than fixing it to 1.
    expect(m.outputs).toEqual([{ name: 'output', dims: ['batch', 8] }]);
  });

  it('names an op it cannot map', async () => {
    await expect(onnx.export((x: Tensor) => x.cumsum(0), randn([3]))).rejects.toThrow(
      /CumsumBackward0.*no ONNX mapping/,
    );
  });

  it('writes the file from @ag/core/node, as torch.onnx.export(model, args, f) does', async () => {
    const f = join(await mkdtemp(join(tmpdir(), 'ag-onnx-')), 'mlp.onnx');
    const bytes = await nodeOnnx.export(new nn.Linear(3, 2), randn([4, 3]), f);
    expect(new Uint8Array(await readFile(f))).toEqual(bytes);
  });
});
