import { enableGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../dtype.js';
import { Module } from '../nn/module.js';
import { withTracer } from '../ops/trace-hook.js';
import { Tensor } from '../tensor.js';
import { buildGraph } from './build-graph.js';
import { encodeModel } from './model-proto.js';
import type { Dim } from './op-map.js';
import { Tracer } from './tracer.js';
import { ArgumentError, IndexError, ValueError } from '../errors.js';

/**
 * torch.onnx.export for ag: runs the model's forward once on the example inputs while a tracer
 * hears every op, and writes what it heard as an ONNX model (opset 17), its parameters and
 * buffers as initializers under their state-dict names.
 */
export interface ExportOptions {
  /** The graph inputs' names: `input` for one input, `input0`, `input1`, ... for several (default). */
  readonly inputNames?: readonly string[];
  /** The graph outputs' names: `output`, or `output0`, ... (default). */
  readonly outputNames?: readonly string[];
  /**
   * Axes left free, by input or output name, as PyTorch's `dynamic_axes`: `{ input: { 0: 'batch' } }`
   * names dim 0 `batch` (a dim_param), `{ input: [0] }` names it `input_dynamic_axes_1`.
   */
  readonly dynamicAxes?: Readonly<Record<string, Readonly<Record<number, string>> | readonly number[]>>;
}

type Forward = Module | ((...inputs: Tensor[]) => Tensor | readonly Tensor[]);

/**
 * The model as ONNX bytes (a ModelProto). The trace follows the path the example inputs take:
 * control flow on values is fixed at export, as in PyTorch's tracer, and a shape computed from
 * an input is fixed too, except along `dynamicAxes` where the ops keep the axis free.
 */
export async function exportModel(
  model: Forward,
  args: Tensor | readonly Tensor[],
  options: ExportOptions = {},
): Promise<Uint8Array> {
  const examples = args instanceof Tensor ? [args] : [...args];
  const inputNames = names(options.inputNames, examples.length, 'input');
  // Fresh leaves that require grad (floating ones): every op the forward runs on them records itself.
  const inputs = examples.map((x) => {
    const leaf = x.detach();
    return isFloating(x.dtype) ? leaf.requiresGrad_(true) : leaf;
  });
  const params = new Map<Tensor, string>();
  if (model instanceof Module) {
    for (const [name, p] of model.namedParameters()) params.set(p, name);
    for (const [name, b] of model.namedBuffers()) params.set(b, name);
  }
  const tracer = new Tracer(new Set([...inputs, ...params.keys()]));
  const result = withTracer(tracer, () => enableGrad(() => (model as (...xs: Tensor[]) => unknown)(...inputs)));
  const outs = result instanceof Tensor ? [result] : Array.isArray(result) ? (result as unknown[]) : [result];
  if (!outs.every((t): t is Tensor => t instanceof Tensor))
    throw new ArgumentError('onnx.export: the forward must return a tensor or an array of tensors');
  const outputNames = names(options.outputNames, outs.length, 'output');
  const axes = options.dynamicAxes ?? {};
  for (const name of Object.keys(axes)) {
    if (!inputNames.includes(name) && !outputNames.includes(name))
      throw new ValueError(
        `onnx.export: dynamicAxes names '${name}', which is neither an input (${inputNames.join(', ')}) nor an output (${outputNames.join(', ')})`,
      );
  }
  const graph = await buildGraph(
    {
      tracer,
      inputs: new Map(
        inputs.map((x, i) => [x, { name: inputNames[i]!, shape: symbolic(inputNames[i]!, x.shape, axes) }]),
      ),
      params,
      outputs: outs.map((t, i) => {
        const name = outputNames[i]!;
        return axes[name] === undefined
          ? { tensor: t, name }
          : { tensor: t, name, shape: symbolic(name, t.shape, axes) };
      }),
    },
    model instanceof Module ? model.constructor.name : 'main',
  );
  return encodeModel(graph);
}

function names(given: readonly string[] | undefined, n: number, base: string): string[] {
  if (given !== undefined) {
    if (given.length !== n) throw new ValueError(`onnx.export: expected ${n} ${base} names, got ${given.length}`);
    return [...given];
  }
  return n === 1 ? [base] : Array.from({ length: n }, (_, i) => `${base}${i}`);
}

/** A value's shape with its dynamic axes named. */
function symbolic(name: string, shape: readonly number[], axes: NonNullable<ExportOptions['dynamicAxes']>): Dim[] {
  const spec = axes[name];
  const out: Dim[] = [...shape];
  if (spec === undefined) return out;
  const entries: [number, string][] = Array.isArray(spec)
    ? (spec as readonly number[]).map((d, i) => [d, `${name}_dynamic_axes_${i + 1}`])
    : Object.entries(spec).map(([d, s]) => [Number(d), s as string]);
  for (const [d, s] of entries) {
    const k = d < 0 ? d + shape.length : d;
    if (!Number.isInteger(k) || k < 0 || k >= shape.length)
      throw new IndexError(
        `onnx.export: dynamic axis ${d} of '${name}' is out of range for shape [${shape.join(', ')}]`,
      );
    out[k] = s;
  }
  return out;
}
