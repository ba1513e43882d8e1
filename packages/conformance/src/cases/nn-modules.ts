import type { Tensor } from '@ag/core';
import { data, manualSeed, nn, ones, safetensors, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/** Modules, state dicts, data loading and weight files: behaviours shown in a few steps. */
class TwoLayer extends nn.Module {
  readonly fc1 = new nn.Linear(3, 4);
  readonly act = new nn.ReLU();
  readonly fc2 = new nn.Linear(4, 2, { bias: false });
  forward(x: Tensor): Tensor {
    return this.fc2.forward(this.act.forward(this.fc1.forward(x)));
  }
}

export const nnModuleCases = [
  {
    id: 'nn/parameters-named-in-registration-order',
    run: (check) => {
      const m = new TwoLayer();
      check.equal(
        m.namedParameters().map(([n, p]) => [n, [...p.shape]]),
        [
          ['fc1.weight', [4, 3]],
          ['fc1.bias', [4]],
          ['fc2.weight', [2, 4]],
        ],
      );
      const seq = new nn.Sequential(new nn.Linear(2, 2), new nn.Tanh(), new nn.Linear(2, 1));
      check.equal(Object.keys(seq.stateDict()), ['0.weight', '0.bias', '2.weight', '2.bias']);
      check.equal(
        seq.parameters().every((p) => p.requiresGrad && p.isLeaf),
        true,
        'parameters are leaves that require grad',
      );
      return Promise.resolve();
    },
  },
  {
    id: 'nn/linear-default-init-bounds',
    run: async (check) => {
      // PyTorch: weight ~ U(-1/sqrt(in), 1/sqrt(in)) (Kaiming-uniform with a = sqrt(5)), bias likewise
      manualSeed(0);
      const l = new nn.Linear(16, 32);
      const bound = 1 / Math.sqrt(16);
      const w = Array.from(await l.weight.toTypedArray());
      const b = Array.from(await l.bias!.toTypedArray());
      check.equal(
        [...w, ...b].every((v) => Math.abs(v) <= bound),
        true,
        'within the bound',
      );
      check.equal(Math.max(...w.map(Math.abs)) > 0.9 * bound, true, 'spread over the range');
    },
  },
  {
    id: 'nn/train-eval-and-zero-grad',
    run: async (check) => {
      const m = new TwoLayer();
      m.eval();
      check.equal(
        m.modules().every((x) => !x.training),
        true,
        'eval reaches every module',
      );
      m.forward(ones([5, 3]))
        .sum()
        .backward();
      check.equal(
        m.parameters().every((p) => p.grad !== null),
        true,
        'grads after backward',
      );
      m.zeroGrad();
      check.equal(
        m.parameters().every((p) => p.grad === null),
        true,
        'zeroGrad sets to null',
      );
      const y = new nn.Linear(2, 1, { bias: false });
      y.loadStateDict({ weight: tensor([[2, 3]]) });
      await check.close(
        y.forward(
          tensor([
            [1, 1],
            [1, -1],
          ]),
        ),
        [[5], [-1]],
      );
    },
  },
  {
    id: 'nn/load-state-dict-errors-change-nothing',
    run: async (check) => {
      const m = new nn.Linear(2, 2);
      const before = await m.weight.toArray();
      check.throws(
        () => m.loadStateDict({ weight: ones([3, 2]), bias: ones([2]) }),
        /^Error\(s\) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape \[3, 2\] from checkpoint, the shape in current model is \[2, 2\]/,
        'format',
      );
      check.throws(
        () => m.loadStateDict({ weight: ones([2, 2]) }),
        /^Error\(s\) in loading state_dict for Linear:\n\tMissing key\(s\) in state_dict: "bias"/,
        'format',
      );
      check.throws(
        () => m.loadStateDict({ weight: ones([2, 2]), bias: ones([2]), extra: ones([1]) }),
        /^Error\(s\) in loading state_dict for Linear:\n\tUnexpected key\(s\) in state_dict: "extra"/,
        'format',
      );
      await check.close(m.weight, before, 'weights unchanged');
      check.throws(
        () => m.forward(ones([4, 3])),
        /^Linear: expected input with last dimension 2 \(\[\.\.\., 2\]\), got shape \[4, 3\]$/,
        'shape',
      );
    },
  },
  {
    id: 'nn/batchnorm-running-stats-and-state-dict',
    run: async (check) => {
      const bn = new nn.BatchNorm1d(2);
      bn.forward(
        tensor([
          [1, 2],
          [3, 6],
        ]),
      );
      // mean [2, 4], unbiased var [2, 8]; running = 0.9 old + 0.1 new
      await check.close(bn.getBuffer('running_mean'), [0.2, 0.4]);
      await check.close(bn.getBuffer('running_var'), [0.9 + 0.2, 0.9 + 0.8]);
      check.equal(Object.keys(bn.stateDict()), [
        'weight',
        'bias',
        'running_mean',
        'running_var',
        'num_batches_tracked',
      ]);
      bn.eval();
      await check.close(bn.forward(tensor([[0.2, 0.4]])), [[0, 0]]);
    },
  },
  {
    id: 'nn/safetensors-round-trip-of-a-model',
    run: async (check) => {
      manualSeed(3);
      const a = new TwoLayer();
      const b = new TwoLayer();
      const bytes = await safetensors.save(a.stateDict(), { format: 'pt' });
      b.loadStateDict(safetensors.load(bytes));
      const x = tensor([[1, -1, 0.5]]);
      await check.close(b.forward(x), await a.forward(x).toArray());
    },
  },
  {
    id: 'data/dataloader-batches-shuffle-drop-last',
    run: async (check) => {
      const x = tensor([[0], [1], [2], [3], [4]]);
      const y = tensor(Int32Array.from([0, 1, 2, 3, 4]));
      const ds = new data.TensorDataset(x, y);
      const plain = [...new data.DataLoader(ds, { batchSize: 2 })];
      check.equal(plain.length, 3, 'ceil(5 / 2) batches');
      await check.close(plain[2]![0]!, [[4]], 'last, short batch');
      const dropped = new data.DataLoader(ds, { batchSize: 2, dropLast: true });
      check.equal([...dropped].length, 2, 'dropLast');
      manualSeed(7);
      const seen = [...new data.DataLoader(ds, { batchSize: 5, shuffle: true })][0]!;
      const order = Array.from(await seen[1]!.toTypedArray());
      check.equal([...order].sort(), [0, 1, 2, 3, 4], 'a permutation');
      await check.close(
        seen[0]!,
        order.map((v) => [v]),
        'features follow labels',
      );
      check.throws(
        () => new data.TensorDataset(ones([3, 1]), ones([2])),
        /^TensorDataset: size mismatch between tensors: .*, got \[3, 1\], \[2\]$/,
        'shape',
      );
    },
  },
] as const satisfies readonly ScriptCase[];
