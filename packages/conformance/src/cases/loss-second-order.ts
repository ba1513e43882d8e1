import { functional as F, getBackend, tensor, type Tensor } from '@ag/core';
import type { Check, ScriptCase } from '../case.js';
import { LG, LOGITS, PR, PROBS, TARGET, X, Y, YB } from './losses.js';

/**
 * Second order: the Hessian-vector product from double backward (`createGraph`) against central
 * differences of the first gradient, H r = d/dx (grad f(x) . r), in float64 where the device has it.
 */
export async function checkSecondOrder(
  check: Check,
  f: (x: Tensor) => Tensor,
  base: readonly number[],
  shape: readonly number[],
): Promise<void> {
  const dtype = getBackend().dtypes.includes('float64') ? 'float64' : 'float32';
  const [eps, tol] = dtype === 'float64' ? [1e-5, 1e-5] : [1e-2, 2e-2];
  const r = base.map((_, i) => 1 + 0.5 * Math.sin(1.3 * i + 0.2));
  const leaf = (values: readonly number[]) =>
    tensor([...values], { dtype, requiresGrad: true })
      .reshape(shape)
      .detach()
      .requiresGrad_(true);
  const gradAt = async (values: readonly number[]): Promise<number[]> => {
    const x = leaf(values);
    f(x).backward();
    return Array.from(await x.grad!.toTypedArray());
  };
  const x = leaf(base);
  f(x).backward(undefined, { createGraph: true });
  const first = x.grad!;
  x.grad = null;
  first.mul(tensor(r, { dtype }).reshape(shape)).sum().backward();
  const analytic = Array.from(await x.grad!.toTypedArray());
  const numerical: number[] = [];
  for (let j = 0; j < base.length; j++) {
    const plus = await gradAt(base.map((v, i) => (i === j ? v + eps : v)));
    const minus = await gradAt(base.map((v, i) => (i === j ? v - eps : v)));
    numerical.push(plus.reduce((s, p, i) => s + ((p - minus[i]!) / (2 * eps)) * r[i]!, 0));
  }
  const worst = Math.max(...analytic.map((a, i) => Math.abs(a - numerical[i]!) / (1 + Math.abs(numerical[i]!))));
  check.equal(
    worst < tol,
    true,
    `Hessian-vector product mismatch ${worst}: analytic ${analytic.join(', ')}, numerical ${numerical.join(', ')}`,
  );
}

const FLAT = LOGITS.flat();

export const lossScripts = [
  {
    id: 'crossEntropy/second-order',
    run: (check) =>
      checkSecondOrder(
        check,
        (x) => F.crossEntropy(x, tensor(TARGET, { dtype: 'int32' }), { labelSmoothing: 0.1 }),
        FLAT,
        [4, 3],
      ),
  },
  {
    id: 'crossEntropy/second-order-probabilities',
    run: (check) => checkSecondOrder(check, (x) => F.crossEntropy(x, tensor(PROBS, { dtype: x.dtype })), FLAT, [4, 3]),
  },
  {
    id: 'mseLoss/second-order',
    run: (check) => checkSecondOrder(check, (x) => F.mseLoss(x.mul(x), tensor(Y, { dtype: x.dtype })), X, [6]),
  },
  {
    id: 'binaryCrossEntropyWithLogits/second-order',
    run: (check) =>
      checkSecondOrder(
        check,
        (x) =>
          F.binaryCrossEntropyWithLogits(x, tensor(YB, { dtype: x.dtype }), {
            posWeight: tensor([2], { dtype: x.dtype }),
          }),
        LG,
        [4],
      ),
  },
  {
    id: 'binaryCrossEntropy/second-order',
    run: (check) => checkSecondOrder(check, (x) => F.binaryCrossEntropy(x, tensor(YB, { dtype: x.dtype })), PR, [4]),
  },
  {
    id: 'huberLoss/second-order',
    run: (check) =>
      checkSecondOrder(check, (x) => F.huberLoss(x.mul(x), tensor(Y, { dtype: x.dtype }), { delta: 0.8 }), X, [6]),
  },
  {
    id: 'layerNorm/second-order',
    run: (check) => checkSecondOrder(check, (x) => F.layerNorm(x, [3]).pow(3).sum(), FLAT, [4, 3]),
  },
  {
    id: 'scaledDotProductAttention/second-order',
    run: (check) =>
      checkSecondOrder(
        check,
        (x) => F.scaledDotProductAttention(x, x, x, { isCausal: true }).pow(2).sum(),
        FLAT,
        [4, 3],
      ),
  },
] as const satisfies readonly ScriptCase[];
