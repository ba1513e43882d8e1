import { isFloating, type DType } from '../dtype.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { finish, target, type CreationOptions } from './creation-options.js';
import { fromHost } from './dispatch.js';
import { expand, view } from './view.js';
import { DTypeError, DeviceError, ShapeError, ValueError } from '../errors.js';

/** Evenly spaced values (linspace, logspace), the identity (eye) and coordinate grids (meshgrid). */

function checkSteps(op: string, steps: number): void {
  if (!Number.isInteger(steps) || steps < 0)
    throw new ValueError(`${op}: number of steps must be non-negative, got ${steps}`);
}

/** A number as the dtype holds it: PyTorch casts start and end to the result's dtype first. */
function asDtype(v: number, dtype: DType): number {
  if (dtype === 'float32') return Math.fround(v);
  return isFloating(dtype) ? v : Math.trunc(v);
}

/**
 * torch.linspace: `steps` values from `start` to `end`, both included, evenly spaced. As
 * PyTorch's CPU kernel: the first half counts up from start, the second down from end (so both
 * ends are exact), in the result's precision (doubles for integers, then truncated).
 */
export function linspace(start: number, end: number, steps: number, options?: CreationOptions): Tensor {
  checkSteps('linspace', steps);
  const { backend, dtype } = target('linspace', options, 'float32');
  const f32 = dtype === 'float32';
  const round = f32 ? Math.fround : (v: number) => v;
  const a = asDtype(start, dtype);
  const b = asDtype(end, dtype);
  const step = round(round(b - a) / (steps - 1));
  const values = Array.from({ length: steps }, (_, i) =>
    steps === 1 ? a : i < steps >> 1 ? round(a + round(step * i)) : round(b - round(step * (steps - 1 - i))),
  );
  return finish(fromHost(backend, values, [steps], dtype), options);
}

/**
 * torch.logspace: `base` to the powers linspace(start, end, steps), computed in doubles as
 * PyTorch does, then stored in the result's dtype.
 */
export function logspace(start: number, end: number, steps: number, base = 10, options?: CreationOptions): Tensor {
  checkSteps('logspace', steps);
  const { backend, dtype } = target('logspace', options, 'float32');
  const a = asDtype(start, dtype);
  const b = asDtype(end, dtype);
  const step = asDtype(b - a, dtype) / (steps - 1);
  const values = Array.from({ length: steps }, (_, i) =>
    steps === 1 ? base ** a : i < steps >> 1 ? base ** (a + step * i) : base ** (b - step * (steps - 1 - i)),
  );
  return finish(fromHost(backend, values, [steps], dtype), options);
}

/** torch.eye: an n x m matrix (m = n by default) with ones on the main diagonal. */
export function eye(n: number, m?: number | CreationOptions, options?: CreationOptions): Tensor {
  const [cols, opts] = typeof m === 'object' ? [n, m] : [m ?? n, options];
  for (const [name, v] of [
    ['n', n],
    ['m', cols],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new ValueError(`eye: ${name} must be greater or equal to 0, got ${v}`);
  }
  const { backend, dtype } = target('eye', opts, 'float32');
  const values = new Uint8Array(n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) values[i * cols + i] = 1;
  return finish(fromHost(backend, values, [n, cols], dtype), opts);
}

/** How meshgrid lays out its grids: 'ij' (matrix indexing, the default) or 'xy' (Cartesian). */
export interface MeshgridOptions {
  indexing?: 'ij' | 'xy';
}

/**
 * torch.meshgrid: for N vectors (or 0-d tensors) of sizes s1..sN, N grids of shape [s1..sN],
 * the i-th holding the i-th vector along dim i (views: expanded, ExpandBackward0). With
 * indexing 'xy' the first two dims are swapped, as NumPy's default. `meshgrid(a, b)` or
 * `meshgrid([a, b])`, then the options.
 */
export function meshgrid(...args: (Tensor | readonly Tensor[] | MeshgridOptions)[]): Tensor[] {
  const last = args[args.length - 1];
  const options = last !== undefined && !(last instanceof Tensor) && !Array.isArray(last) ? last : undefined;
  const rest = options === undefined ? args : args.slice(0, -1);
  const tensors = (rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest) as Tensor[];
  if (tensors.length === 0 || !tensors.every((t) => t instanceof Tensor))
    throw new ValueError(
      'meshgrid: expects a non-empty list of tensors (as arguments or as one array), then the options',
    );
  const indexing = (options as MeshgridOptions | undefined)?.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy')
    throw new ValueError(`meshgrid: indexing must be one of "xy" or "ij", but received: ${String(indexing)}`);
  tensors.forEach((t, i) => {
    if (t.ndim > 1)
      throw new ShapeError(
        `meshgrid: expected 0D or 1D tensor in the tensor list but got a tensor of shape ${formatShape(t.shape)} at position ${i}`,
      );
    if (t.dtype !== tensors[0]!.dtype) throw new DTypeError('meshgrid: expects all tensors to have the same dtype');
    if (t.device !== tensors[0]!.device) throw new DeviceError('meshgrid: expects all tensors to have the same device');
  });
  // 'xy' is 'ij' with the first two inputs, and then the first two outputs, swapped (PyTorch's way).
  const swap = indexing === 'xy' && tensors.length >= 2;
  const order = swap ? [tensors[1]!, tensors[0]!, ...tensors.slice(2)] : tensors;
  const shape = order.map((t) => t.numel());
  // `view` (not reshape): each grid is a new tensor, even where no dim is added.
  const grids = order.map((t, i) =>
    expand(
      view(
        t,
        shape.map((_, k) => (k === i ? -1 : 1)),
      ),
      shape,
    ),
  );
  return swap ? [grids[1]!, grids[0]!, ...grids.slice(2)] : grids;
}
