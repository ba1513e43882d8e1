/**
 * `repr(tensor)` as PyTorch prints it (torch/_tensor_str.py, `_str_intern`), from host values
 * alone so any device's tensor prints the same once its data is read back.
 */
import type { DType } from '../dtype.js';
import { makeFormatter } from './formatter.js';
import { type Block, summarizedValues, tensorStr } from './layout.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from './print-options.js';

export interface ReprInput {
  /** Row-major, contiguous, numel(shape) values (bool as 0/1). */
  values: ArrayLike<number>;
  shape: readonly number[];
  dtype: DType;
  /** 'cpu' prints nothing; any other device prints `device='<name>'`. */
  device: string;
  /** The grad_fn's class name, e.g. 'AddBackward0'; null for leaves. */
  gradFnName: string | null;
  requiresGrad: boolean;
}

const PREFIX = 'tensor(';

/**
 * The dtypes a non-empty tensor's values already reveal, so PyTorch leaves them out: the default
 * float dtype, the default int dtype (int64 in PyTorch, int32 in ag) and bool.
 */
const IMPLIED_DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];

/** PyTorch's `dtype=torch.float16`: ag's dtype names are torch's. */
function dtypeSuffix(dtype: DType): string {
  return `dtype=torch.${dtype}`;
}

/** Python's `str(tuple(shape))`: `(0, 3)`, `(0,)`, `()`. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * PyTorch's `_add_suffixes`: each suffix follows on the same line unless that would pass the line
 * width. `lastLineLength` counts as PyTorch does (two more than the characters on a single-line
 * string, one more after a newline), which decides where output wraps, so it is kept as is.
 */
function addSuffixes(body: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  const parts = [body];
  let lastLineLength = body.length - body.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > linewidth) {
      parts.push(`,\n${' '.repeat(indent)}${suffix}`);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(`, ${suffix}`);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** `repr(tensor)`, e.g. `tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)`. */
export function formatRepr(t: ReprInput, options: Readonly<PrintOptions> = DEFAULT_PRINT_OPTIONS): string {
  const indent = PREFIX.length;
  const numel = t.shape.reduce((n, d) => n * d, 1);
  const suffixes: string[] = [];
  if (t.device !== 'cpu') suffixes.push(`device='${t.device}'`);

  let body: string;
  if (numel === 0) {
    // With no elements to show the shape or the dtype, both are spelled out; a 1-D empty shape
    // is the one `[]` implies.
    if (t.shape.length !== 1) suffixes.push(`size=${pythonTuple(t.shape)}`);
    if (t.dtype !== 'float32') suffixes.push(dtypeSuffix(t.dtype));
    body = '[]';
  } else {
    if (!IMPLIED_DTYPES.includes(t.dtype)) suffixes.push(dtypeSuffix(t.dtype));
    const block: Block = { values: t.values, shape: t.shape, offset: 0 };
    const summarize = numel > options.threshold;
    const shown = summarize ? summarizedValues(block, options.edgeitems) : t.values;
    const formatter = makeFormatter(shown, t.dtype, options);
    body = tensorStr(block, indent, summarize, formatter, options);
  }

  if (t.gradFnName !== null) suffixes.push(`grad_fn=<${t.gradFnName}>`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');

  return addSuffixes(PREFIX + body, suffixes, indent, options.linewidth);
}
