/**
 * PyTorch's `_tensor_str_with_formatter` and `_vector_str`: nested brackets, one row per line,
 * blank lines between blocks of 3-D and higher tensors, long rows wrapped at the line width, and
 * long dimensions cut down to their edges around '...'.
 */
import type { Formatter } from './formatter.js';
import type { PrintOptions } from './print-options.js';

/** A contiguous row-major block of values: `shape` starting at `offset`. */
export interface Block {
  values: ArrayLike<number>;
  shape: readonly number[];
  offset: number;
}

/** Where the '...' of a summarized dimension goes among the indices shown. */
const ELLIPSIS = null;

/** The indices of a dimension that are printed, with ELLIPSIS where the middle is cut. */
function shownIndices(size: number, summarize: boolean, edgeitems: number): (number | null)[] {
  const all = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
  if (summarize && size > 2 * edgeitems) {
    return [...all(0, edgeitems), ELLIPSIS, ...all(size - edgeitems, size)];
  }
  return all(0, size);
}

/** The sub-block `i` along the first dimension. */
function child(block: Block, i: number): Block {
  const rest = block.shape.slice(1);
  let stride = 1;
  for (const d of rest) stride *= d;
  return { values: block.values, shape: rest, offset: block.offset + i * stride };
}

/**
 * The values that will be shown, like PyTorch's `get_summarized_data`: the formatter is built
 * from these alone, so hidden values don't widen the columns.
 */
export function summarizedValues(block: Block, edgeitems: number): number[] {
  const out: number[] = [];
  const visit = (b: Block): void => {
    if (b.shape.length === 0) {
      out.push(b.values[b.offset]!);
      return;
    }
    for (const i of shownIndices(b.shape[0]!, true, edgeitems)) {
      if (i !== ELLIPSIS) visit(child(b, i));
    }
  };
  visit(block);
  return out;
}

/** A 1-D block: elements joined by ', ', wrapped so each line fits the line width. */
function vectorStr(
  block: Block,
  indent: number,
  summarize: boolean,
  formatter: Formatter,
  options: Readonly<PrintOptions>,
): string {
  // Each element takes its width plus ', '.
  const elementLength = formatter.width + 2;
  const perLine = Math.max(1, Math.floor((options.linewidth - indent) / elementLength));
  // ' ...' is four characters to sit in a column of numbers; it counts as an element per line.
  const data = shownIndices(block.shape[0]!, summarize, options.edgeitems).map((i) =>
    i === ELLIPSIS ? ' ...' : formatter.format(block.values[block.offset + i]!),
  );
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
}

/** A block of any rank, its opening bracket at column `indent`. */
export function tensorStr(
  block: Block,
  indent: number,
  summarize: boolean,
  formatter: Formatter,
  options: Readonly<PrintOptions>,
): string {
  const dim = block.shape.length;
  if (dim === 0) return formatter.format(block.values[block.offset]!);
  if (dim === 1) return vectorStr(block, indent, summarize, formatter, options);
  const slices = shownIndices(block.shape[0]!, summarize, options.edgeitems).map((i) =>
    i === ELLIPSIS ? '...' : tensorStr(child(block, i), indent + 1, summarize, formatter, options),
  );
  // One line break per nesting level below this one, so 3-D blocks are set apart by a blank line.
  return `[${slices.join(`,${'\n'.repeat(dim - 1)}${' '.repeat(indent + 1)}`)}]`;
}
