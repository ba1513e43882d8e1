import type { Tensor } from '@ag/core';
import { grad, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/** Tensor hooks (registerHook) on leaves and non-leaves, with retainGrad, as PyTorch. */
export const autogradHookCases = [
  {
    id: 'autograd-hooks/leaf-hook-replaces-gradient-before-accumulation',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const seen: Tensor[] = [];
      x.registerHook((g) => {
        seen.push(g);
        return g.mul(10);
      });
      x.mul(3).sum().backward();
      check.equal(seen.length, 1, 'hook ran once');
      await check.close(seen[0]!, [3, 3], 'hook saw the incoming gradient');
      await check.close(x.grad, [30, 30]);
    },
  },
  {
    id: 'autograd-hooks/non-leaf-hook-changes-what-flows-back',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const h = x.mul(2);
      h.registerHook((g) => g.mul(0.5));
      h.pow(2).sum().backward();
      // dL/dh = 2h = [4, 8], halved = [2, 4], times dh/dx = 2
      await check.close(x.grad, [4, 8]);
    },
  },
  {
    id: 'autograd-hooks/observer-hook-returns-nothing',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      let calls = 0;
      x.registerHook(() => {
        calls++;
      });
      x.sum().backward();
      check.equal(calls, 1);
      await check.close(x.grad, [1, 1]);
    },
  },
  {
    id: 'autograd-hooks/remove-handle',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const handle = x.registerHook((g) => g.mul(100));
      handle.remove();
      x.sum().backward();
      await check.close(x.grad, [1, 1]);
    },
  },
  {
    id: 'autograd-hooks/hooks-run-in-order-and-retain-grad-sees-result',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const h = x.mul(1);
      h.retainGrad();
      h.registerHook((g) => g.add(1));
      h.registerHook((g) => g.mul(3));
      h.sum().backward();
      // (1 + 1) * 3 = 6: retainGrad runs after every hook, as in PyTorch 2
      await check.close(h.grad, [6, 6]);
      await check.close(x.grad, [6, 6]);
    },
  },
  {
    id: 'autograd-hooks/hook-on-tensor-without-grad-throws',
    run: async (check) => {
      const x = tensor([1, 2]);
      check.throws(
        () => x.registerHook((g) => g),
        /cannot register a hook on a tensor that doesn't require gradient/,
        'autograd',
      );
      await check.close(x, [1, 2]);
    },
  },
  {
    id: 'autograd-hooks/hooks-run-for-functional-grad',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      x.registerHook((g) => g.mul(2));
      const [g] = grad(x.mul(3).sum(), x);
      await check.close(g!, [6, 6]);
      check.equal(x.grad, null);
    },
  },
] as const satisfies readonly ScriptCase[];
