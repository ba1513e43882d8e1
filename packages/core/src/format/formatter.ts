/**
 * PyTorch's `_Formatter`: one look over the values to be printed picks a notation and a width,
 * then every element is printed in that notation and right-aligned to that width, so columns line
 * up across the whole tensor.
 */
import type { DType } from '../dtype.js';
import { isFloating } from '../dtype.js';
import { formatExp, formatFixed } from './number-format.js';
import type { PrintOptions } from './print-options.js';

export interface Formatter {
  /** The widest element, in characters. */
  readonly width: number;
  /** One element, padded on the left to `width`. */
  format(value: number): string;
}

type Notation = 'int' | 'sci' | 'fixed';

/** How a non-floating element prints: Python's `f"{value}"` of the item. */
function plainString(value: number, dtype: DType): string {
  if (dtype === 'bool') return value !== 0 ? 'True' : 'False';
  return String(value);
}

/** The notation PyTorch picks for floats, from their nonzero finite values only. */
function chooseNotation(nonzeroFinite: readonly number[]): Notation {
  // Zeros, nan and inf print the same in every notation, so they don't vote.
  if (nonzeroFinite.length === 0) return 'int';
  let min = Infinity;
  let max = 0;
  let allIntegers = true;
  for (const v of nonzeroFinite) {
    const a = Math.abs(v);
    if (a < min) min = a;
    if (a > max) max = a;
    if (v !== Math.ceil(v)) allIntegers = false;
  }
  const wide = max / min > 1000 || max > 1e8;
  if (allIntegers) return wide ? 'sci' : 'int';
  return wide || min < 1e-4 ? 'sci' : 'fixed';
}

function formatFloat(value: number, notation: Notation, precision: number): string {
  switch (notation) {
    case 'sci':
      return formatExp(value, precision);
    case 'fixed':
      return formatFixed(value, precision);
    case 'int': {
      // The trailing '.' marks a float tensor whose values happen to be whole; nan and inf
      // need no such mark.
      const s = formatFixed(value, 0);
      return Number.isFinite(value) ? `${s}.` : s;
    }
  }
}

/**
 * A formatter for `values`: all of a tensor's elements, or when it is summarized only the
 * elements that will be shown (PyTorch builds it from `get_summarized_data`).
 */
export function makeFormatter(values: ArrayLike<number>, dtype: DType, options: Readonly<PrintOptions>): Formatter {
  let width = 1;
  let show: (value: number) => string;

  if (isFloating(dtype)) {
    const nonzeroFinite: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v) && v !== 0) nonzeroFinite.push(v);
    }
    const notation = chooseNotation(nonzeroFinite);
    const { precision } = options;
    show = (v) => formatFloat(v, notation, precision);
    // Width counts nonzero finite values only, so '-0.0000' or '   nan' may not set it; every
    // value is still padded to it. In int mode formatFloat already adds the '.', which is
    // PyTorch's `len(value_str) + 1`.
    for (const v of nonzeroFinite) width = Math.max(width, show(v).length);
  } else {
    show = (v) => plainString(v, dtype);
    for (let i = 0; i < values.length; i++) width = Math.max(width, show(values[i]!).length);
  }

  return {
    width,
    format: (value) => show(value).padStart(width, ' '),
  };
}
