import type { Tensor } from '@ag/core';
import { isTensor, ones, tensor } from '@ag/core';

/**
 * The seed tutorial (shared/seed: PyTorch's autograd tutorial, cells In [1] to In [14]) as
 * data: each cell's TypeScript source, the code that runs it, and what PyTorch prints for it
 * (current PyTorch's names: AddBackward0 and MulBackward0 where the old notebook printed
 * AddBackward and MulBackward). The tutorial app prints these cells; the conformance suite
 * checks every printed line on every backend.
 */

/** What Python's `print` shows for the values the tutorial prints. */
export async function show(value: Tensor | { name: string } | null): Promise<string> {
  if (value === null) return 'None';
  if (isTensor(value)) return value.repr();
  return `<${value.name} object>`;
}

/** Variables that live across cells, like a notebook's. */
export interface SeedScope {
  a?: Tensor;
  b?: Tensor;
  c?: Tensor;
  out?: Tensor;
  x?: Tensor;
  y?: Tensor;
  z?: Tensor;
}

export interface SeedCell {
  /** The notebook's label, e.g. 'In [4]'. */
  readonly label: string;
  /** The cell in TypeScript, as the tutorial shows it. */
  readonly source: string;
  /** Runs the cell; resolves to the lines it prints (an error prints as `Error: message`). */
  readonly run: (scope: SeedScope) => Promise<string[]>;
  /** The lines PyTorch prints; a RegExp where the text is ours (error messages). */
  readonly expected: readonly (string | RegExp)[];
}

const need = (t: Tensor | undefined): Tensor => {
  if (t === undefined) throw new Error('seed: cells must run in order');
  return t;
};

/** What `print(t.data); print(t.grad); print(t.gradFn)` prints. */
const printFields = async (t: Tensor | undefined): Promise<string[]> => {
  const v = need(t);
  return [await show(v.data), await show(v.grad), await show(v.gradFn)];
};

export const seedCells: readonly SeedCell[] = [
  {
    label: 'In [1]',
    source: "import { ones, tensor } from '@ag/core';",
    run: () => Promise.resolve([]),
    expected: [],
  },
  {
    label: 'In [2]',
    source: 'const a = ones([2, 2], { requiresGrad: true }); // requiresGrad: gradients will be computed for a\na',
    run: async (s) => {
      s.a = ones([2, 2], { requiresGrad: true });
      return [await s.a.repr()];
    },
    expected: ['tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)'],
  },
  {
    label: 'In [3]',
    source: 'print(a.data);\nprint(a.grad);\nprint(a.gradFn);',
    run: (s) => printFields(s.a),
    expected: ['tensor([[1., 1.],\n        [1., 1.]])', 'None', 'None'],
  },
  {
    label: 'In [4]',
    source: 'const b = a.add(2);\nb',
    run: async (s) => {
      s.b = need(s.a).add(2);
      return [await s.b.repr()];
    },
    expected: ['tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)'],
  },
  {
    label: 'In [5]',
    source: 'const c = b.pow(2);\nc',
    run: async (s) => {
      s.c = need(s.b).pow(2);
      return [await s.c.repr()];
    },
    expected: ['tensor([[9., 9.],\n        [9., 9.]], grad_fn=<PowBackward0>)'],
  },
  {
    label: 'In [6]',
    source: 'const out = c.sum();\nout',
    run: async (s) => {
      s.out = need(s.c).sum();
      return [await s.out.repr()];
    },
    expected: ['tensor(36., grad_fn=<SumBackward0>)'],
  },
  {
    label: 'In [7]',
    source: 'out.backward(); // backpropagate',
    run: (s) => {
      need(s.out).backward();
      return Promise.resolve([]);
    },
    expected: [],
  },
  {
    label: 'In [8]',
    source:
      'print(a.data);\nprint(a.grad); // d(sum((a+2)^2))/da = 2(a+2) = 6\nprint(a.gradFn); // a leaf: made by the user, not by an op',
    run: (s) => printFields(s.a),
    expected: ['tensor([[1., 1.],\n        [1., 1.]])', 'tensor([[6., 6.],\n        [6., 6.]])', 'None'],
  },
  {
    label: 'In [9]',
    source:
      'print(b.data);\nprint(b.grad); // not a leaf: no .grad (PyTorch warns; see retainGrad())\nprint(b.gradFn);',
    run: (s) => printFields(s.b),
    expected: ['tensor([[3., 3.],\n        [3., 3.]])', 'None', '<AddBackward0 object>'],
  },
  {
    label: 'In [10]',
    source: 'print(c.data);\nprint(c.grad);\nprint(c.gradFn);',
    run: (s) => printFields(s.c),
    expected: ['tensor([[9., 9.],\n        [9., 9.]])', 'None', '<PowBackward0 object>'],
  },
  {
    label: 'In [11]',
    source: 'print(out.data);\nprint(out.grad);\nprint(out.gradFn);',
    run: (s) => printFields(s.out),
    expected: ['tensor(36.)', 'None', '<SumBackward0 object>'],
  },
  {
    label: 'In [11+]',
    source: 'out.backward(); // a second time: the graph was freed by the first',
    run: (s) => {
      try {
        need(s.out).backward();
        return Promise.resolve(['(no error)']);
      } catch (e) {
        return Promise.resolve([`${(e as Error).name}: ${(e as Error).message}`]);
      }
    },
    expected: [/^AutogradError: PowBackward0: trying to backward through the graph a second time.*retainGraph: true/],
  },
  {
    label: 'In [12]',
    source: 'const x = ones([3], { requiresGrad: true });\nconst y = x.pow(2);\nconst z = y.mul(3);\nprint(z);',
    run: async (s) => {
      s.x = ones([3], { requiresGrad: true });
      s.y = s.x.pow(2);
      s.z = s.y.mul(3);
      return [await show(s.z)];
    },
    expected: ['tensor([3., 3., 3.], grad_fn=<MulBackward0>)'],
  },
  {
    label: 'In [13]',
    source: 'const grad = tensor([0.1, 1, 10]);\nz.backward(grad); // dz/dx = 3 * 2x = 6, times grad',
    run: (s) => {
      need(s.z).backward(tensor([0.1, 1, 10]));
      return Promise.resolve([]);
    },
    expected: [],
  },
  {
    label: 'In [14]',
    source:
      'print(x.data);\nprint(x.grad); // [0.6, 6, 60]: the chain rule times the gradient argument\nprint(x.gradFn);',
    run: (s) => printFields(s.x),
    expected: ['tensor([1., 1., 1.])', 'tensor([ 0.6000,  6.0000, 60.0000])', 'None'],
  },
];
