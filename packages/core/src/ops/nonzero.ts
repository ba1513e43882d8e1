import type { TypedArray } from '../dtype.js';
import { hostValues, toTypedArray } from '../read.js';
import type { Tensor } from '../tensor.js';
import { fromHost } from './dispatch.js';
import { select } from './slicing.js';
import { DeviceError } from '../errors.js';

/**
 * torch.nonzero / torch.argwhere: the coordinates of the nonzero elements. How many there are
 * depends on the values, so the values must be on the host: the CPU reads them synchronously; a
 * device that keeps them off the host (WebGPU) reads them in the awaited forms (`nonzeroAsync`,
 * `argwhereAsync`), and the plain forms there throw an error naming the awaited one.
 */

export interface NonzeroOptions {
  /** Return one 1-D tensor of indices per dim (PyTorch's `as_tuple=True`) instead of an n × ndim matrix. */
  readonly asTuple?: boolean;
}

/**
 * The values of `x` for an op whose output shape depends on them: synchronously where the
 * backend keeps them on the host, else an error naming the awaited form that reads them.
 */
export function valuesForShape(op: string, x: Tensor, asyncForm: string): TypedArray {
  if (x.backend.readSync === undefined) {
    throw new DeviceError(
      `${op}: the result's shape depends on the tensor's values, which device '${x.device}' keeps off the host; ` +
        `use the awaited form \`await ${asyncForm}\``,
    );
  }
  return hostValues(x, op);
}

/** The n × ndim int32 matrix of the coordinates (row-major order) where `values` are nonzero (NaN is nonzero). */
export function coordinatesOf(x: Tensor, values: ArrayLike<number>): Tensor {
  const shape = x.shape;
  const nd = shape.length;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) n++;
  const coords = new Int32Array(n * nd);
  let row = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0) continue;
    let rem = i;
    for (let d = nd - 1; d >= 0; d--) {
      coords[row * nd + d] = rem % shape[d]!;
      rem = Math.floor(rem / shape[d]!);
    }
    row++;
  }
  return fromHost(x.backend, coords, [n, nd], 'int32');
}

/** The columns of a coordinate matrix, one index tensor per dim; a 0-d input counts as 1-d, as in PyTorch. */
export function columnsOf(coords: Tensor): Tensor[] {
  const nd = coords.shape[1]!;
  if (nd === 0) return [fromHost(coords.backend, new Int32Array(coords.shape[0]!), [coords.shape[0]!], 'int32')];
  return Array.from({ length: nd }, (_, d) => select(coords, 1, d));
}

/** torch.nonzero: an n × ndim int32 matrix of coordinates, or with `asTuple` one index tensor per dim. */
export function nonzero(x: Tensor): Tensor;
export function nonzero(x: Tensor, options: NonzeroOptions & { asTuple: true }): Tensor[];
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[];
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[] {
  const coords = coordinatesOf(x, valuesForShape('nonzero', x, 'x.nonzeroAsync()'));
  return options?.asTuple === true ? columnsOf(coords) : coords;
}

/** {@link nonzero} on any device: reads the values back first. */
export function nonzeroAsync(x: Tensor): Promise<Tensor>;
export function nonzeroAsync(x: Tensor, options: NonzeroOptions & { asTuple: true }): Promise<Tensor[]>;
export function nonzeroAsync(x: Tensor, options?: NonzeroOptions): Promise<Tensor | Tensor[]>;
export async function nonzeroAsync(x: Tensor, options?: NonzeroOptions): Promise<Tensor | Tensor[]> {
  const coords = coordinatesOf(x, await toTypedArray(x));
  return options?.asTuple === true ? columnsOf(coords) : coords;
}

/** torch.argwhere: the n × ndim matrix of coordinates of the nonzero elements (nonzero without asTuple). */
export function argwhere(x: Tensor): Tensor {
  return coordinatesOf(x, valuesForShape('argwhere', x, 'x.argwhereAsync()'));
}

/** {@link argwhere} on any device: reads the values back first. */
export async function argwhereAsync(x: Tensor): Promise<Tensor> {
  return coordinatesOf(x, await toTypedArray(x));
}
