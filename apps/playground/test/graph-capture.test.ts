import { beforeAll, describe, expect, it } from 'vitest';
import { nn, ones, registerBackend, setDefaultDevice, tensor } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { captureGraph } from '../src/graph/capture.js';
import type { GraphData, GraphNodeData } from '../src/graph/messages.js';
import { tensorNames } from '../src/graph/names.js';

beforeAll(() => {
  registerBackend(cpu());
  setDefaultDevice('cpu');
});

/** The seed tutorial's graph: a = ones(2, 2) requiring grad; out = ((a + 2) ** 2).sum(). */
function seed() {
  const a = ones([2, 2], { requiresGrad: true });
  const b = a.add(2);
  const c = b.pow(2);
  const out = c.sum();
  return { a, b, c, out };
}

/** The chain of node names from the shown tensor back to its first input. */
function chain(g: GraphData): GraphNodeData[] {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const path = [byId.get(g.rootId)!];
  for (;;) {
    const into = g.edges.filter((e) => e.to === path[path.length - 1]!.id);
    if (into.length === 0) return path;
    expect(into).toHaveLength(1);
    path.push(byId.get(into[0]!.from)!);
  }
}

describe('captureGraph', () => {
  it("draws the seed's out: SumBackward0 <- PowBackward0 <- AddBackward0 <- AccumulateGrad <- leaf a", async () => {
    const { out } = seed();
    const { data } = await captureGraph(out);
    const path = chain(data);
    expect(path.map((n) => n.name)).toEqual([
      'tensor',
      'SumBackward0',
      'PowBackward0',
      'AddBackward0',
      'AccumulateGrad',
      'tensor',
    ]);
    expect(path.map((n) => n.kind)).toEqual(['tensor', 'function', 'function', 'function', 'accumulate', 'leaf']);
    expect(path[4]!.tensor).toMatchObject({ shape: [2, 2], dtype: 'float32' }); // AccumulateGrad's variable
    const leaf = path[5]!.tensor!;
    expect(leaf).toMatchObject({ shape: [2, 2], dtype: 'float32', requiresGrad: true });
    // PyTorch prints ones(2, 2, requires_grad=True) this way.
    expect(leaf.repr).toBe('tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
    expect(path[0]!.tensor).toMatchObject({ shape: [], dtype: 'float32', requiresGrad: true });
    expect(path[0]!.tensor!.repr).toBe('tensor(36., grad_fn=<SumBackward0>)'); // 4 * (1 + 2)^2
    expect(data.stepBlocked).toBeNull();
    expect(data.truncated).toBeNull();
  });

  it("lists a node's saved tensors: pow saved its base, b = a + 2 = 3", async () => {
    const { out } = seed();
    const { data } = await captureGraph(out);
    const pow = data.nodes.find((n) => n.name === 'PowBackward0')!;
    expect(pow.savedError).toBeUndefined();
    expect(pow.saved!.map((s) => s.repr)).toContain('tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)');
  });

  it('says when a backward without retainGraph freed the saved tensors', async () => {
    const { out } = seed();
    out.backward();
    const { data } = await captureGraph(out);
    const pow = data.nodes.find((n) => n.name === 'PowBackward0')!;
    expect(pow.savedError).toContain('backward through the graph a second time');
  });

  it('is plain data (what postMessage sends) and keeps the worker handles', async () => {
    const { a, out } = seed();
    const captured = await captureGraph(out, 7);
    expect(JSON.parse(JSON.stringify(captured.data))).toEqual(captured.data);
    expect(captured.data.graphId).toBe(7);
    expect([...captured.leaves.values()]).toEqual([a]);
    expect([...captured.nodes.values()].map((n) => n.name)).toEqual([
      'SumBackward0',
      'PowBackward0',
      'AddBackward0',
      'AccumulateGrad',
    ]);
  });

  it('draws one node for an input used twice, with an edge per use', async () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const { data } = await captureGraph(x.mul(x).sum());
    const mul = data.nodes.find((n) => n.name === 'MulBackward0')!;
    const acc = data.nodes.filter((n) => n.kind === 'accumulate');
    expect(acc).toHaveLength(1);
    expect(data.edges.filter((e) => e.to === mul.id).map((e) => [e.from, e.inputNr])).toEqual([
      [acc[0]!.id, 0],
      [acc[0]!.id, 1],
    ]);
  });

  it('cuts a long chain, nearest the tensor first, and says so', async () => {
    let y = tensor(1, { requiresGrad: true });
    for (let i = 0; i < 20; i++) y = y.mul(2);
    const { data } = await captureGraph(y, 0, 5);
    expect(data.nodes.filter((n) => n.kind === 'function')).toHaveLength(5);
    expect(data.truncated).toBe('the graph has more than 5 nodes: only the 5 nearest the tensor are drawn');
  });

  it('says why backward cannot step from a leaf or a non-scalar', async () => {
    const a = ones([2, 2], { requiresGrad: true });
    expect((await captureGraph(a)).data.stepBlocked).toContain('no gradFn');
    expect((await captureGraph(a.mul(2))).data.stepBlocked).toContain('has shape [2, 2]: show(t.sum())');
  });

  it("names leaves and the shown tensor by the notebook's variables, parameters by module path", async () => {
    const { a, b, out } = seed();
    const { data } = await captureGraph(out, 0, 10, tensorNames({ a, b, out, n: 3 }));
    const path = chain(data);
    expect(path[0]!.label).toBe('out');
    expect(path[5]!.label).toBe('a');
    expect(path.slice(1, 5).every((n) => n.label === undefined)).toBe(true);

    const model = new nn.Sequential(new nn.Linear(2, 1));
    const names = tensorNames({ model });
    expect([...names.values()]).toEqual(['model.0.weight', 'model.0.bias']);
    const loss = model(ones([3, 2])).sum();
    const leaves = (await captureGraph(loss, 0, 20, names)).data.nodes.filter((n) => n.kind === 'leaf');
    expect(leaves.map((n) => n.label).sort()).toEqual(['model.0.bias', 'model.0.weight']);
  });
});
