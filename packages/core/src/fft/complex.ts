import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { fromHost } from '../ops/dispatch.js';
import { atan2 } from '../ops/binary-math.js';
import { div, eq, mul, sqrt, where } from '../ops/elementwise.js';
import { stack } from '../ops/join.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { sum } from '../ops/reduce.js';
import { broadcastTo } from '../ops/reshape-ops.js';
import { select } from '../ops/slicing.js';
import { unsqueeze } from '../ops/view.js';
import { complexInput, declareComplex } from './args.js';
import { DTypeError } from '../errors.js';

/**
 * Complex values as (real, imaginary) pairs [..., 2], torch.view_as_real's layout: the helpers a
 * PyTorch user reaches for around an FFT (torch.complex, real, imag, abs, angle, conj,
 * view_as_complex, view_as_real), in the `fft` namespace because on a plain real tensor `abs`
 * and the others mean something else.
 */

/** torch.view_as_complex: `z` [..., 2] declared complex, so that fft, fft2 and fftn read it as such (a view). */
export function viewAsComplex(input: Tensor): Tensor {
  const z = complexInput('fft.viewAsComplex', input);
  return declareComplex(
    defineOp(
      'ViewAsComplexBackward0',
      [z],
      () => z,
      NOTHING_SAVED,
      (g) => [g],
      null,
    ),
  );
}

/** torch.view_as_real: the pairs as a plain tensor (a view; complex values are pairs already). */
export function viewAsReal(input: Tensor): Tensor {
  const z = complexInput('fft.viewAsReal', input);
  return defineOp(
    'ViewAsRealBackward0',
    [z],
    () => z,
    NOTHING_SAVED,
    (g) => [g],
    null,
  );
}

/** torch.complex: pairs from the real and imaginary parts (broadcast together). */
export function complex(real: Tensor, imag: Tensor): Tensor {
  if (!real.isFloatingPoint() || real.dtype !== imag.dtype)
    throw new DTypeError(
      `fft.complex: Expected both inputs to be float32 or float64 tensors of the same dtype, got ${real.dtype} and ${imag.dtype}`,
    );
  const shape = broadcastShapes('fft.complex', real.shape, imag.shape);
  return stack([broadcastTo(real, shape), broadcastTo(imag, shape)], -1);
}

/** torch.real: the real parts (a view). */
export const real = (input: Tensor): Tensor => select(complexInput('fft.real', input), -1, 0);

/** torch.imag: the imaginary parts (a view). */
export const imag = (input: Tensor): Tensor => select(complexInput('fft.imag', input), -1, 1);

/** torch.abs of complex values: the magnitudes; the gradient at 0 is 0, as PyTorch's. */
export function abs(input: Tensor): Tensor {
  const z = complexInput('fft.abs', input);
  return defineOp(
    'AbsBackward0',
    [z],
    () => sqrt(sum(mul(z, z), -1)),
    (out) => [z, out],
    (g, [zz, r]) => [mul(unsqueeze(div(g, where(eq(r, 0), 1, r)), -1), zz)],
    null,
  );
}

/** torch.angle of complex values: atan2(imag, real), in (-pi, pi]. */
export const angle = (input: Tensor): Tensor => {
  const z = complexInput('fft.angle', input);
  return atan2(select(z, -1, 1), select(z, -1, 0));
};

/** torch.conj: the imaginary parts negated (a new tensor, not PyTorch's lazy conjugate bit). */
export function conj(input: Tensor): Tensor {
  const z = complexInput('fft.conj', input);
  return mul(z, fromHost(z.backend, [1, -1], [2], z.dtype));
}
