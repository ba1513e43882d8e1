import type { DType, Tensor } from '@ag/core';
import { functional, getBackend, grad, gradgradcheck, hessian, jacobian, jvp, softmax, tensor, vjp } from '@ag/core';
import type { ScriptCase } from '../case.js';

/** float64 where the backend has it (finite differences need it); float32 with a larger step elsewhere. */
function precise(): { dtype: DType; eps: number; atol: number; rtol: number } {
  return getBackend().dtypes.includes('float64')
    ? { dtype: 'float64', eps: 1e-6, atol: 1e-5, rtol: 1e-3 }
    : { dtype: 'float32', eps: 1e-2, atol: 2e-2, rtol: 5e-2 };
}

function leaf(values: number[] | number[][], dtype: DType = 'float32'): Tensor {
  return tensor(values, { dtype, requiresGrad: true });
}

/** Second-order checks: gradgradcheck against finite differences of the first derivatives. */
const secondOrder = [
  ['exp-mul', (x) => x.exp().mul(x), [[0.3, -0.7, 1.1]]],
  ['log-sqrt', (x) => x.log().add(x.sqrt()), [[0.5, 1.3, 2.2]]],
  ['sin-cos', (x) => x.sin().mul(x.cos()), [[0.2, -1.0, 2.5]]],
  ['tanh-sigmoid', (x) => x.tanh().add(x.sigmoid()), [[0.4, -0.9, 1.7]]],
  [
    'pow-div',
    (x, y) => x.pow(3).div(y),
    [
      [0.5, 1.5, -1.2],
      [1.3, 0.7, 2.1],
    ],
  ],
  [
    'mul-sub',
    (x, y) => x.mul(y).sub(y.mul(y)),
    [
      [0.5, 1.5],
      [1.3, -0.7],
    ],
  ],
  [
    'matmul',
    (a, b) =>
      a
        .reshape([2, 2])
        .matmul(b.reshape([2, 2]))
        .pow(2),
    [
      [0.5, 1.5, -1.0, 2.0],
      [1.3, -0.7, 0.4, 0.9],
    ],
  ],
  ['softmax', (x) => softmax(x.reshape([2, 3]), -1).mul(x.reshape([2, 3])), [[0.1, 1.2, -0.5, 0.7, -1.3, 0.2]]],
  [
    'mse-loss',
    (x, y) => functional.mseLoss(x.exp(), y),
    [
      [0.1, 0.6, -0.4],
      [1.0, 2.0, 0.5],
    ],
  ],
] as const satisfies readonly (readonly [string, (...xs: Tensor[]) => Tensor, readonly (readonly number[])[]])[];

/** The functional API (torch.autograd.grad and torch.autograd.functional), values by hand. */
export const autogradFunctionalCases = [
  {
    id: 'autograd-functional/grad-returns-without-touching-grad',
    run: async (check) => {
      const x = leaf([1, 2, 3]);
      const [g] = grad(x.pow(2).sum(), x);
      await check.close(g!, [2, 4, 6]);
      check.equal(x.grad, null, 'x.grad untouched');
      check.equal(g!.requiresGrad, false, 'without createGraph the gradient is detached');
    },
  },
  {
    id: 'autograd-functional/grad-of-non-leaf-and-grad-outputs',
    run: async (check) => {
      const x = leaf([1, 2]);
      const h = x.mul(3);
      const y = h.pow(2);
      // d(sum(v * h^2))/dh = 2 h v, with v = [1, 0.5], h = [3, 6]
      const [gh, gx] = grad(y, [h, x], { gradOutputs: tensor([1, 0.5]) });
      await check.close(gh!, [6, 6]);
      await check.close(gx!, [18, 18]);
    },
  },
  {
    id: 'autograd-functional/grad-second-derivative-with-create-graph',
    run: async (check) => {
      const x = leaf([1, 2]);
      const [g] = grad(x.pow(3).sum(), x, { createGraph: true });
      check.equal(g!.requiresGrad, true, 'createGraph gradient requires grad');
      const [gg] = grad(g!.sum(), x);
      await check.close(gg!, [6, 12]);
    },
  },
  {
    id: 'autograd-functional/backward-create-graph-then-backward',
    run: async (check) => {
      const x = leaf([0.5, -1]);
      x.sin().sum().backward(undefined, { createGraph: true });
      const g = x.grad!;
      x.grad = null;
      g.sum().backward();
      await check.close(x.grad, [-Math.sin(0.5), -Math.sin(-1)]);
    },
  },
  {
    id: 'autograd-functional/unused-input-throws-unless-allowed',
    run: async (check) => {
      const x = leaf([1, 2]);
      const y = leaf([3, 4]);
      const out = x.mul(2).sum();
      check.throws(
        () => grad(out, [x, y], { retainGraph: true }),
        /^grad: One of the differentiated Tensors \(input 1, shape \[2\]\) appears to not have been used in the graph\. Set allowUnused: true/,
        'autograd',
      );
      check.equal(x.grad, null, 'x.grad unchanged');
      check.equal(y.grad, null, 'y.grad unchanged');
      const [gx, gy] = grad(out, [x, y], { allowUnused: true });
      await check.close(gx!, [2, 2]);
      check.equal(gy, null, 'unused gradient is null');
    },
  },
  {
    id: 'autograd-functional/vjp',
    run: async (check) => {
      const x = tensor([0.5, 1, 2]);
      const [out, g] = vjp((t) => t.mul(t), x, tensor([1, 2, 3]));
      await check.close(out, [0.25, 1, 4]);
      await check.close(g, [1, 4, 12]);
    },
  },
  {
    id: 'autograd-functional/jvp-of-sin-is-cos-times-v',
    run: async (check) => {
      const xs = [0.3, -1.2, 2];
      const vs = [1, 0.5, -2];
      const [out, jv] = jvp((t) => t.sin(), tensor(xs), tensor(vs));
      await check.close(out, xs.map(Math.sin));
      await check.close(
        jv,
        xs.map((x, i) => Math.cos(x) * vs[i]!),
      );
    },
  },
  {
    id: 'autograd-functional/jvp-two-inputs',
    run: async (check) => {
      // f(x, y) = x * y: J [vx; vy] = y vx + x vy
      const [, jv] = jvp((x, y) => x.mul(y), [tensor([1, 2]), tensor([3, 4])], [tensor([1, 1]), tensor([2, -1])]);
      await check.close(jv, [3 + 2, 4 - 2]);
    },
  },
  {
    id: 'autograd-functional/jacobian-of-square-is-diag-2x',
    run: async (check) => {
      const j = jacobian((t) => t.mul(t), tensor([1, -2, 3]));
      check.equal(j.shape, [3, 3]);
      await check.close(j, [
        [2, 0, 0],
        [0, -4, 0],
        [0, 0, 6],
      ]);
    },
  },
  {
    id: 'autograd-functional/jacobian-of-matrix-vector-product',
    run: async (check) => {
      const a = tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      const [ja, jx] = jacobian((m, v) => m.matmul(v), [a, tensor([7, 8])]);
      await check.close(jx!, [
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      check.equal(ja!.shape, [3, 3, 2]);
      await check.close(ja!.select(0, 1), [
        [0, 0],
        [7, 8],
        [0, 0],
      ]);
    },
  },
  {
    id: 'autograd-functional/hessian-of-sum-cubes-is-diag-6x',
    run: async (check) => {
      const h = hessian((t) => t.pow(3).sum(), tensor([1, 2, -1]));
      await check.close(h, [
        [6, 0, 0],
        [0, 12, 0],
        [0, 0, -6],
      ]);
    },
  },
  {
    id: 'autograd-functional/hessian-of-quadratic-form',
    run: async (check) => {
      // f(x) = x0^2 x1 + x1^3: H = [[2 x1, 2 x0], [2 x0, 6 x1]]
      const h = hessian((t) => t.select(0, 0).pow(2).mul(t.select(0, 1)).add(t.select(0, 1).pow(3)), tensor([1.5, 2]));
      await check.close(h, [
        [4, 3],
        [3, 12],
      ]);
    },
  },
  ...secondOrder.map(([name, fn, values]) => ({
    id: `autograd-functional/gradgradcheck-${name}` as const,
    run: async (check: { equal<T>(a: T, b: T, what?: string): void }) => {
      const { dtype, ...tol } = precise();
      const inputs = values.map((v) => leaf([...v], dtype));
      check.equal(await gradgradcheck(fn, inputs, tol), true, 'gradgradcheck');
    },
  })),
] as const satisfies readonly ScriptCase[];
