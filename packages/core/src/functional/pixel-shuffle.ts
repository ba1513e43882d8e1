import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { permute, reshape } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * Pixel shuffle and its inverse: channels traded for space by a reshape and a permutation
 * (one copy). Each is one node with PyTorch's name whose gradient is the other, so gradients
 * of gradients work.
 */

function checkFactor(op: string, name: string, x: Tensor, r: number): void {
  if (!Number.isInteger(r) || r < 1) throw new ValueError(`${op}: ${name} must be a positive integer, got ${r}`);
  if (x.ndim < 3)
    throw new ShapeError(`${op}: expected input with at least 3 dims [*, C, H, W], got ${formatShape(x.shape)}`);
}

/** [*, C r^2, H, W] to [*, C, H r, W r] (torch.nn.functional.pixel_shuffle): out[c, h r + i, w r + j] = x[c r^2 + i r + j, h, w]. */
export function pixelShuffle(x: Tensor, upscaleFactor: number): Tensor {
  const op = 'pixelShuffle';
  const r = upscaleFactor;
  checkFactor(op, 'upscaleFactor', x, r);
  const [C, H, W] = x.shape.slice(-3) as [number, number, number];
  if (C % (r * r) !== 0) {
    throw new ShapeError(
      `${op}: expected the input's channel dim (size ${C}, of ${formatShape(x.shape)}) to be divisible by upscaleFactor squared (${r * r})`,
    );
  }
  const lead = x.shape.slice(0, -3);
  const n = lead.length;
  return defineOp(
    'PixelShuffleBackward0',
    [x],
    () =>
      reshape(
        permute(reshape(x, [...lead, C / (r * r), r, r, H, W]), [
          ...lead.map((_, i) => i),
          n,
          n + 3,
          n + 1,
          n + 4,
          n + 2,
        ]),
        [...lead, C / (r * r), H * r, W * r],
      ),
    NOTHING_SAVED,
    (g) => [pixelUnshuffle(g, r)],
    null,
  );
}

/** [*, C, H r, W r] to [*, C r^2, H, W] (torch.nn.functional.pixel_unshuffle), the inverse of {@link pixelShuffle}. */
export function pixelUnshuffle(x: Tensor, downscaleFactor: number): Tensor {
  const op = 'pixelUnshuffle';
  const r = downscaleFactor;
  checkFactor(op, 'downscaleFactor', x, r);
  const [C, H, W] = x.shape.slice(-3) as [number, number, number];
  if (H % r !== 0 || W % r !== 0) {
    throw new ShapeError(
      `${op}: expected the input's height and width (${H} and ${W}, of ${formatShape(x.shape)}) to be divisible by downscaleFactor (${r})`,
    );
  }
  const lead = x.shape.slice(0, -3);
  const n = lead.length;
  return defineOp(
    'PixelUnshuffleBackward0',
    [x],
    () =>
      reshape(
        permute(reshape(x, [...lead, C, H / r, r, W / r, r]), [
          ...lead.map((_, i) => i),
          n,
          n + 2,
          n + 4,
          n + 1,
          n + 3,
        ]),
        [...lead, C * r * r, H / r, W / r],
      ),
    NOTHING_SAVED,
    (g) => [pixelShuffle(g, r)],
    null,
  );
}
