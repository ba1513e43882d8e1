import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ones, registerBackend, setDefaultDevice } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { captureGraph } from '../src/graph/capture.js';
import { StepCommand, type GraphToPage } from '../src/graph/messages.js';
import { stepBackward } from '../src/graph/stepper.js';

beforeAll(() => {
  registerBackend(cpu());
  setDefaultDevice('cpu');
});

/**
 * The page's side of the control slot, played by a second thread (the stepping thread blocks
 * in Atomics.wait, so nothing on it could answer): each time the slot is back to `wait`, it
 * writes `command` and notifies, `times` times, then stops.
 */
function pressRepeatedly(control: Int32Array, command: number, times: number): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const slot = new Int32Array(workerData.buffer);
    for (let i = 0; i < workerData.times; i++) {
      while (Atomics.load(slot, 0) !== 0) Atomics.wait(slot, 0, Atomics.load(slot, 0), 20);
      Atomics.store(slot, 0, workerData.command);
      Atomics.notify(slot, 0);
    }`;
  return new Worker(code, { eval: true, workerData: { buffer: control.buffer, command, times } });
}

let helper: Worker | null = null;
afterEach(async () => {
  await helper?.terminate();
  helper = null;
});

function seed() {
  const a = ones([2, 2], { requiresGrad: true });
  return { a, out: a.add(2).pow(2).sum() };
}

const control = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));

describe('stepBackward', () => {
  it("steps node by node in the engine's order, each edge's gradient, then a.grad = 2(a + 2) = 6", async () => {
    const { a, out } = seed();
    const graph = await captureGraph(out, 3);
    const slot = control();
    helper = pressRepeatedly(slot, StepCommand.step, 4); // one press per node
    const messages: GraphToPage[] = [];
    await stepBackward(graph, slot, (m) => messages.push(m));

    const names = new Map([...graph.nodes].map(([id, n]) => [id, n.name]));
    const starts = messages.flatMap((m) => (m.type === 'graph:step-node' ? [names.get(m.nodeId)] : []));
    expect(starts).toEqual(['SumBackward0', 'PowBackward0', 'AddBackward0', 'AccumulateGrad']);
    // Start and result alternate: each node's gradients are posted before the next one starts.
    expect(messages.map((m) => m.type)).toEqual([
      ...Array<string[]>(4).fill(['graph:step-node', 'graph:step-edges']).flat(),
      'graph:step-done',
    ]);
    const edges = messages.flatMap((m) => (m.type === 'graph:step-edges' ? m.grads.map((g) => g.grad!.repr) : []));
    // d out/d c = 1; d/d b = 2b = 6; d/d a = 6 (add passes it on); the leaf accumulates 6.
    const ones22 = 'tensor([[1., 1.],\n        [1., 1.]])';
    const sixes = 'tensor([[6., 6.],\n        [6., 6.]])';
    expect(edges).toEqual([ones22, sixes, sixes, sixes]);
    const first = messages[0]!;
    expect(first.type === 'graph:step-node' && first.gradOutputs[0]!.grad!.repr).toBe('tensor(1.)');
    const done = messages.at(-1)!;
    expect(done.type === 'graph:step-done' && done.leafGrads.leaf0!.repr).toBe(sixes);
    expect(a.grad!.toString()).toBe(sixes);
    // The hooks are gone and the graph kept: a plain backward runs again and accumulates.
    expect([...graph.nodes.values()].every((n) => n._nodeHooks === null)).toBe(true);
    out.backward();
    expect(a.grad!.toString()).toBe('tensor([[12., 12.],\n        [12., 12.]])');
  });

  it('runs to the end without waiting after "run"', async () => {
    const { a, out } = seed();
    const graph = await captureGraph(out);
    const slot = control();
    Atomics.store(slot, 0, StepCommand.run); // pressed before the first node: it never waits
    const types: string[] = [];
    await stepBackward(graph, slot, (m) => types.push(m.type));
    expect(types.filter((t) => t === 'graph:step-node')).toHaveLength(4);
    expect(a.grad!.toString()).toBe('tensor([[6., 6.],\n        [6., 6.]])');
  });

  it('abandons the backward on abort: no .grad is written, the hooks are removed', async () => {
    const { a, out } = seed();
    const graph = await captureGraph(out);
    const slot = control();
    helper = pressRepeatedly(slot, StepCommand.step, 1);
    const messages: GraphToPage[] = [];
    // Second node: the helper pressed once; the test presses abort when the second one waits.
    const abortOnSecond = (m: GraphToPage): void => {
      messages.push(m);
      if (m.type === 'graph:step-node' && m.order === 1) {
        Atomics.store(slot, 0, StepCommand.abort);
      }
    };
    await stepBackward(graph, slot, abortOnSecond);
    expect(messages.at(-1)).toEqual({ type: 'graph:step-reset', graphId: 0 });
    expect(a.grad).toBeNull();
    expect([...graph.nodes.values()].every((n) => n._nodeHooks === null)).toBe(true);
  });

  it('reports an error the backward raises (a graph already freed)', async () => {
    const { out } = seed();
    out.backward();
    const graph = await captureGraph(out, 2);
    const slot = control();
    Atomics.store(slot, 0, StepCommand.run);
    const messages: GraphToPage[] = [];
    await stepBackward(graph, slot, (m) => messages.push(m));
    const last = messages.at(-1)!;
    expect(last.type).toBe('graph:step-error');
    expect(last.type === 'graph:step-error' && last.message).toContain('backward through the graph a second time');
  });
});
