import { noGrad } from '../autograd/grad-mode.js';
import { zeros } from '../ops/creation.js';
import { fromHost } from '../ops/dispatch.js';
import { gatherOp, scatterAddOp } from '../ops/indexing.js';
import { matmul } from '../ops/matmul.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { max } from '../ops/reduce-extra.js';
import { expand, reshape, squeeze, transpose, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * Adaptive pooling: PyTorch's windows [floor(i n / out), ceil((i + 1) n / out)) along each dim,
 * which cover the input whatever its size. The average is linear and separable (two matmuls);
 * the maximum gathers each window's elements by a table of indices computed on the host.
 */

/** [H, W, OH, OW] from x [..., H, W] and an output size (`null` keeps a size), checked. */
function adaptiveSizes(op: string, x: Tensor, outputSize: number | readonly (number | null)[]): number[] {
  if (x.ndim !== 3 && x.ndim !== 4)
    throw new ShapeError(
      `${op}: expected input with 4 dims [N, C, H, W] (or 3 unbatched), got ${formatShape(x.shape)}`,
    );
  checkFloat(op, 'input', x);
  const H = x.shape[x.ndim - 2]!;
  const W = x.shape[x.ndim - 1]!;
  const sizes = typeof outputSize === 'number' ? [outputSize, outputSize] : [...outputSize];
  if (sizes.length !== 2)
    throw new ValueError(
      `${op}: expected outputSize to be a number or 2 of them, got ${formatShape(sizes.map(Number))}`,
    );
  const OH = sizes[0] ?? H;
  const OW = sizes[1] ?? W;
  if (!Number.isInteger(OH) || !Number.isInteger(OW) || OH < 0 || OW < 0)
    throw new ValueError(`${op}: expected non-negative integer output sizes, got [${OH}, ${OW}]`);
  if ((H === 0 || W === 0) && OH * OW > 0)
    throw new ShapeError(`${op}: expected input with non-zero spatial sizes, got ${formatShape(x.shape)}`);
  return [H, W, OH, OW];
}

const windowStart = (i: number, n: number, out: number): number => Math.floor((i * n) / out);
const windowEnd = (i: number, n: number, out: number): number => Math.ceil(((i + 1) * n) / out);

/** The [out, n] matrix whose row i averages adaptive window i. */
function adaptiveMatrix(x: Tensor, n: number, out: number): Tensor {
  const m = new Float64Array(out * n);
  for (let i = 0; i < out; i++) {
    const start = windowStart(i, n, out);
    const end = windowEnd(i, n, out);
    for (let j = start; j < end; j++) m[i * n + j] = 1 / (end - start);
  }
  return fromHost(x.backend, m, [out, n], x.dtype);
}

/**
 * Average pooling to a fixed output size (torch.nn.functional.adaptive_avg_pool2d). The windows
 * are separable, so it is two small matmuls with averaging matrices: P_h x P_w^T. `null` keeps a size.
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  const [H, W, OH, OW] = adaptiveSizes('adaptiveAvgPool2d', x, outputSize) as [number, number, number, number];
  const ph = OH === H ? null : adaptiveMatrix(x, H, OH);
  const pw = OW === W ? null : transpose(adaptiveMatrix(x, W, OW), 0, 1);
  // Linear in x, so the gradient is the transposed products: P_h^T g P_w.
  return defineOp(
    'AdaptiveAvgPool2DBackward0',
    [x],
    () => {
      const rows = ph === null ? x : matmul(ph, x);
      return pw === null ? rows : matmul(rows, pw);
    },
    NOTHING_SAVED,
    (g) => {
      const rows = ph === null ? g : matmul(transpose(ph, 0, 1), g);
      return [pw === null ? rows : matmul(rows, transpose(pw, 0, 1))];
    },
    null,
  );
}

/** Average pooling of x [N, C, L] to a fixed length (torch.nn.functional.adaptive_avg_pool1d): the 2-D one over a height of 1, as PyTorch's (grad_fn SqueezeBackward1). */
export function adaptiveAvgPool1d(x: Tensor, outputSize: number | readonly number[]): Tensor {
  const op = 'adaptiveAvgPool1d';
  if (x.ndim !== 2 && x.ndim !== 3)
    throw new ShapeError(`${op}: expected input with 3 dims [N, C, L] (or 2 unbatched), got ${formatShape(x.shape)}`);
  const size = typeof outputSize === 'number' ? [outputSize] : outputSize;
  if (size.length !== 1) throw new ValueError(`${op}: expected outputSize to be one number, got ${formatShape(size)}`);
  return squeeze(adaptiveAvgPool2d(unsqueeze(x, -2), [1, size[0]!]), -2);
}

/**
 * Maximum pooling to a fixed output size (torch.nn.functional.adaptive_max_pool2d), with
 * `returnIndices` also each maximum's flat index (h * W + w) in its plane. Each window's
 * elements, row by row, are gathered by a host-built table (short windows padded with their
 * first element, which never displaces a first maximum); the gradient scatter-adds to the maxima.
 */
export function adaptiveMaxPool2d(
  x: Tensor,
  outputSize: number | readonly (number | null)[],
  returnIndices?: false,
): Tensor;
export function adaptiveMaxPool2d(
  x: Tensor,
  outputSize: number | readonly (number | null)[],
  returnIndices: true,
): [Tensor, Tensor];
export function adaptiveMaxPool2d(
  x: Tensor,
  outputSize: number | readonly (number | null)[],
  returnIndices = false,
): Tensor | [Tensor, Tensor] {
  const [H, W, OH, OW] = adaptiveSizes('adaptiveMaxPool2d', x, outputSize) as [number, number, number, number];
  let kH = 0;
  let kW = 0;
  for (let i = 0; i < OH; i++) kH = Math.max(kH, windowEnd(i, H, OH) - windowStart(i, H, OH));
  for (let j = 0; j < OW; j++) kW = Math.max(kW, windowEnd(j, W, OW) - windowStart(j, W, OW));
  const K = kH * kW;
  const table = new Int32Array(OH * OW * K);
  for (let i = 0; i < OH; i++) {
    for (let j = 0; j < OW; j++) {
      const at = (i * OW + j) * K;
      let k = 0;
      for (let h = windowStart(i, H, OH); h < windowEnd(i, H, OH); h++)
        for (let w = windowStart(j, W, OW); w < windowEnd(j, W, OW); w++) table[at + k++] = h * W + w;
      while (k < K) table[at + k++] = table[at]!;
    }
  }
  const lead = x.shape.slice(0, -2);
  const d = lead.length;
  const { values: maxima, indices } = noGrad(() => {
    const idx = expand(fromHost(x.backend, table, [OH * OW * K], 'int32'), [...lead, OH * OW * K]);
    const picked = gatherOp(reshape(x, [...lead, H * W]), d, idx);
    const best = max(reshape(picked, [...lead, OH, OW, K]), -1);
    const tableView = expand(fromHost(x.backend, table, [OH, OW, K], 'int32'), [...lead, OH, OW, K]);
    return { values: best.values, indices: squeeze(gatherOp(tableView, d + 2, unsqueeze(best.indices, -1)), -1) };
  });
  const values = defineOp(
    'AdaptiveMaxPool2DBackward0',
    [x],
    maxima,
    NOTHING_SAVED,
    (g) => {
      const into = zeros([...lead, H * W], { dtype: g.dtype, device: g.device });
      const flat = scatterAddOp(into, d, reshape(indices, [...lead, OH * OW]), reshape(g, [...lead, OH * OW]));
      return [reshape(flat, x.shape)];
    },
    null,
  );
  return returnIndices ? [values, indices] : values;
}
