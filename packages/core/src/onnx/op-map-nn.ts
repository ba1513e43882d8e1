import type { Tensor } from '../tensor.js';
import type { WindowSpec } from '../functional/windows.js';
import type { Emit, Mapper } from './op-map.js';
import { ValueError } from '../errors.js';

/** Layers' ops: convolution, pooling, normalisation and embedding, with ONNX's window attributes. */

/** ONNX's window attributes, one entry per spatial dim (pads: all befores, then all afters). */
function window(spec: WindowSpec) {
  return {
    kernel_shape: { ints: [...spec.kernel] },
    strides: { ints: [...spec.stride] },
    dilations: { ints: [...spec.dilation] },
    pads: { ints: [...spec.padding.map((p) => p[0]), ...spec.padding.map((p) => p[1])] },
  };
}

const conv: Mapper = (e) => {
  const { spec, groups, transposed } = e.op.attrs as { spec: WindowSpec; groups: number; transposed?: boolean };
  // A transposed convolution shares the node name but not the operation.
  if (transposed === true) throw new ValueError('onnx.export: convTranspose1d/2d has no ONNX mapping yet');
  return e.node(
    'Conv',
    e.op.inputs.map((_, i) => e.x(i)),
    { ...window(spec), group: { int: groups } },
  );
};

/** A pooling node over [N, C, ...spatial]; an unbatched [C, ...spatial] input gets its batch dim and loses it after. */
function pool(opType: string, extra: (e: Emit) => Record<string, { int: number }>): Mapper {
  return (e) => {
    const { spec, ceilMode } = e.op.attrs as { spec: WindowSpec; ceilMode: boolean };
    const x = e.op.inputs[0]!;
    // The after-padding only sizes a ceil-mode output, which ceil_mode says to ONNX.
    const { kernel_shape, strides, pads, dilations } = window({
      ...spec,
      padding: spec.padding.map(([before]) => [before, before] as const),
    });
    const attrs = { kernel_shape, strides, pads, ceil_mode: { int: ceilMode ? 1 : 0 }, ...extra(e) };
    const withDilations = opType === 'MaxPool' ? { ...attrs, dilations } : attrs;
    if (x.ndim === spec.kernel.length + 2) return e.node(opType, [e.x(0)], withDilations);
    const batched = e.node('Unsqueeze', [e.x(0), e.ints([0])]);
    return e.node('Squeeze', [e.node(opType, [batched], withDilations), e.ints([0])]);
  };
}

const avgPool = pool('AveragePool', (e) => {
  const { countIncludePad, divisorOverride } = e.op.attrs as { countIncludePad: boolean; divisorOverride?: number };
  if (divisorOverride !== undefined)
    throw new ValueError('onnx.export: avgPool2d with divisorOverride has no ONNX form');
  return { count_include_pad: { int: countIncludePad ? 1 : 0 } };
});

interface NormAttrs {
  readonly dims: readonly number[];
  readonly eps: number;
  readonly hasWeight: boolean;
  readonly hasBias: boolean;
  readonly stats: { readonly mean: Tensor; readonly variance: Tensor } | null;
}

/** The weight and bias of a normalisation node (inputs 1 and 2 where given), or ones and zeros of `shape`. */
function affine(e: Emit, a: NormAttrs, shape: readonly number[]): [string, string] {
  const x = e.op.inputs[0]!;
  const filled = (v: number) => e.node('Expand', [e.scalar(v, x), e.ints(shape)]);
  const weight = a.hasWeight ? e.x(1) : filled(1);
  const bias = a.hasBias ? e.x(a.hasWeight ? 2 : 1) : filled(0);
  return [weight, bias];
}

const layerNorm: Mapper = (e) => {
  const a = e.op.attrs as NormAttrs;
  const x = e.op.inputs[0]!;
  const [w, b] = affine(e, a, x.shape.slice(a.dims[0]));
  return e.node('LayerNormalization', [e.x(0), w, b], { axis: { int: a.dims[0]! }, epsilon: { float: a.eps } });
};

/** Batch norm with running statistics (eval mode); a training-mode batch norm computes its statistics from the batch, which ONNX's inference node does not. */
const batchNorm: Mapper = (e) => {
  const a = e.op.attrs as NormAttrs;
  if (a.stats === null)
    throw new ValueError(
      'onnx.export: batch norm in training mode has no inference form; call model.eval() before exporting',
    );
  const x = e.op.inputs[0]!;
  const C = x.shape[1]!;
  const flat = (t: Tensor) => e.node('Reshape', [e.value(t), e.ints([C])]);
  const [w, b] = affine(e, a, [C]);
  return e.node('BatchNormalization', [e.x(0), w, b, flat(a.stats.mean), flat(a.stats.variance)], {
    epsilon: { float: a.eps },
  });
};

/** Rows of the weight gathered at the indices, shaped as the indices plus the embedding dim. */
const embedding: Mapper = (e) => {
  const { flat } = e.op.attrs as { flat: Tensor };
  const rows = e.node('Gather', [e.x(0), e.value(flat)], { axis: { int: 0 } });
  return e.node('Reshape', [rows, e.ints(e.op.output.shape)]);
};

export const NN_MAPPERS: Readonly<Record<string, Mapper>> = {
  ConvolutionBackward0: conv,
  MaxPool2DWithIndicesBackward0: pool('MaxPool', () => ({})),
  MaxPool3DWithIndicesBackward0: pool('MaxPool', () => ({})),
  AvgPool2DBackward0: avgPool,
  NativeLayerNormBackward0: layerNorm,
  NativeBatchNormBackward0: batchNorm,
  EmbeddingBackward0: embedding,
};
