import { toTypedArray, type NestedArray } from '../read.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { tensor } from './creation.js';
import { columnsOf, coordinatesOf, nonzeroAsync, valuesForShape } from './nonzero.js';
import { select, slice } from './slicing.js';
import { unsqueeze } from './view.js';
import { ArgumentError, DTypeError, IndexError, ShapeError, ValueError } from '../errors.js';

/**
 * What one entry of PyTorch's `x[...]` may be, and the basic part of indexing: integers,
 * ranges, `None` and `'...'` become views (select, slice, unsqueeze), as PyTorch's
 * `applySlicing` does, while tensors and arrays of integers or booleans are recorded against the
 * dims of that view for advanced indexing (advanced-index.ts). Integers are applied as selects
 * before advanced indexing, as in PyTorch (not as NumPy, which counts them as advanced indices).
 */

/** A range of a dim, as `start:end:step` in Python. */
export interface Range {
  readonly start?: number | null;
  readonly end?: number | null;
  readonly step?: number;
}

/**
 * One entry of a multi-dim index, as in PyTorch's `x[...]`: an integer selects (removing the
 * dim), a string range `'1:3'`, `':'`, `'::2'`, `'-2:'` or a {@link Range} slices, `null`
 * (Python's None) inserts a size-1 dim, `'...'` stands for the dims not named; an int32 tensor
 * or an array of integers picks entries (advanced indexing), a bool tensor or an array of
 * booleans is a mask over as many dims as it has, and `true`/`false` add a dim of size 1/0.
 */
export type IndexSpec = number | boolean | string | Range | null | Tensor | readonly NestedArray[];

/** An index tensor recorded against `dim` of the basic view: int32, or a bool mask over `index.ndim` dims from `dim`. */
export interface TensorIndex {
  readonly dim: number;
  readonly index: Tensor;
}

type Parsed =
  | { kind: 'int'; i: number }
  | { kind: 'range'; r: Range }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'bool'; b: boolean }
  | { kind: 'tensor'; t: Tensor; host?: ArrayLike<number> };

const RANGE = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;
const RANGE_KEYS = new Set(['start', 'end', 'step']);

function parseString(op: string, spec: string): Parsed {
  const s = spec.trim();
  if (s === '...') return { kind: 'ellipsis' };
  if (s === 'None' || s === 'null') return { kind: 'none' };
  if (s === 'True' || s === 'False') return { kind: 'bool', b: s === 'True' };
  if (/^-?\d+$/.test(s)) return { kind: 'int', i: Number(s) };
  const m = RANGE.exec(s);
  if (m === null)
    throw new ValueError(
      `${op}: cannot parse '${spec}': expected an integer, a range 'start:end:step' (each part optional), a list '[0, 2]', '...' or 'None'`,
    );
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  return { kind: 'range', r: { start: num(m[1]), end: num(m[2]), step: num(m[3]) ?? 1 } };
}

function parseRange(op: string, spec: object): Parsed {
  const bad = Object.keys(spec).filter((k) => !RANGE_KEYS.has(k));
  const r = spec as Range;
  const ok = (v: unknown) => v === undefined || v === null || Number.isInteger(v);
  if (bad.length > 0 || !ok(r.start) || !ok(r.end) || !ok(r.step)) {
    throw new ArgumentError(
      `${op}: got an object ${JSON.stringify(spec)}; expected a range { start?, end?, step? } of integers, a Tensor or an array of integers or booleans`,
    );
  }
  return { kind: 'range', r };
}

/**
 * An array index as a tensor on `x`'s device: all booleans make a mask (whose values are known
 * here, so no device needs reading them back), all integers an int32 index.
 */
function arrayIndex(op: string, x: Tensor, spec: readonly NestedArray[]): Parsed {
  const flat: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) walk(e);
    else flat.push(v);
  };
  walk(spec);
  if (flat.length > 0 && flat.every((v) => typeof v === 'boolean')) {
    return { kind: 'tensor', t: tensor(spec as NestedArray, { device: x.device }), host: flat.map(Number) };
  }
  const wrong = flat.find((v) => typeof v !== 'number' || !Number.isInteger(v));
  if (wrong !== undefined) {
    throw new ArgumentError(
      `${op}: an array index must hold only integers or only booleans, got ${JSON.stringify(wrong)} in ${JSON.stringify(spec)}`,
    );
  }
  return { kind: 'tensor', t: tensor(spec as NestedArray, { dtype: 'int32', device: x.device }) };
}

function parseTensor(op: string, t: Tensor, asyncForm: string): Parsed {
  if (t.dtype !== 'int32' && t.dtype !== 'bool') {
    throw new DTypeError(
      `${op}: tensors used as indices must be int32 (PyTorch: long) or bool tensors, got dtype ${t.dtype}`,
    );
  }
  if (t.ndim > 0) return { kind: 'tensor', t };
  // A 0-d index is read as a number where its value is on the host, as PyTorch does (a 0-d int
  // index then selects, a view); elsewhere a 0-d int32 index stays an advanced index (same values).
  if (t.dtype === 'bool') return { kind: 'bool', b: valuesForShape(op, t, asyncForm)[0] !== 0 };
  if (t.backend.readSync !== undefined) return { kind: 'int', i: valuesForShape(op, t, asyncForm)[0]! };
  return { kind: 'tensor', t };
}

function parseSpec(op: string, x: Tensor, spec: IndexSpec, asyncForm: string): Parsed {
  if (spec === null) return { kind: 'none' };
  if (typeof spec === 'boolean') return { kind: 'bool', b: spec };
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec)) throw new ValueError(`${op}: an integer index must be an integer, got ${spec}`);
    return { kind: 'int', i: spec };
  }
  if (typeof spec === 'string') return parseString(op, spec);
  if (spec instanceof Tensor) return parseTensor(op, spec, asyncForm);
  if (Array.isArray(spec)) return arrayIndex(op, x, spec as readonly NestedArray[]);
  if (typeof spec === 'object') return parseRange(op, spec);
  throw new ArgumentError(
    `${op}: cannot index with ${typeof spec}: expected an integer, a string, a range, null, a boolean, a Tensor or an array`,
  );
}

/** How many dims of the input an entry consumes. */
function consumes(p: Parsed): number {
  if (p.kind === 'int' || p.kind === 'range') return 1;
  if (p.kind === 'tensor') return p.t.dtype === 'bool' ? p.t.ndim : 1;
  return 0;
}

/** The basic part of an index applied, and the tensors of its advanced part, bool masks turned into int32 indices. */
export interface BasicIndexed {
  readonly view: Tensor;
  readonly tensors: readonly TensorIndex[];
}

/**
 * Applies the basic entries of `specs` to `x` (a view) and records the tensor entries against
 * the view's dims. A bool mask becomes its nonzero coordinates, one int32 index per dim it
 * covers (as PyTorch does), which needs its values: `asyncForm` is the awaited call to name
 * where the device keeps them off the host. With `keepMasks`, masks are recorded as they are
 * (for an assignment that needs no positions).
 */
export function applyBasic(
  op: string,
  x: Tensor,
  specs: readonly IndexSpec[],
  asyncForm: string,
  keepMasks = false,
): BasicIndexed {
  const parsed = specs.map((s) => parseSpec(op, x, s, asyncForm));
  const consuming = parsed.reduce((n, p) => n + consumes(p), 0);
  const ellipses = parsed.filter((p) => p.kind === 'ellipsis').length;
  if (ellipses > 1) throw new ValueError(`${op}: an index can only have a single ellipsis ('...')`);
  if (consuming > x.ndim) {
    throw new IndexError(
      `${op}: too many indices for tensor of dimension ${x.ndim}: got ${consuming} (shape ${formatShape(x.shape)})`,
    );
  }
  let y = x;
  let d = 0;
  const tensors: TensorIndex[] = [];
  for (const p of parsed) {
    switch (p.kind) {
      case 'int':
        y = select(y, d, p.i);
        break;
      case 'range':
        y = slice(y, d, p.r.start, p.r.end, p.r.step ?? 1);
        d++;
        break;
      case 'none':
        y = unsqueeze(y, d);
        d++;
        break;
      case 'bool':
        // PyTorch: a size-1 dim, indexed by [0] (true) or by nothing (false).
        y = unsqueeze(y, d);
        tensors.push({ dim: d, index: tensor(p.b ? [0] : [], { dtype: 'int32', device: x.device }) });
        d++;
        break;
      case 'ellipsis':
        d += x.ndim - consuming;
        break;
      case 'tensor':
        if (p.t.dtype === 'bool') {
          if (keepMasks) {
            checkMaskShape(op, y, d, p.t);
            tensors.push({ dim: d, index: p.t });
          } else tensors.push(...maskIndices(op, y, d, p.t, p.host ?? valuesForShape(op, p.t, asyncForm)));
          d += p.t.ndim;
        } else {
          tensors.push({ dim: d, index: p.t });
          d++;
        }
        break;
    }
  }
  return { view: y, tensors };
}

/** A bool mask over dims d.. of `y` as one int32 index per dim: the coordinates of its true entries. */
function maskIndices(op: string, y: Tensor, d: number, mask: Tensor, values: ArrayLike<number>): TensorIndex[] {
  checkMaskShape(op, y, d, mask);
  const columns = columnsOf(coordinatesOf(mask, values));
  return columns.map((index, j) => ({ dim: d + j, index }));
}

function checkMaskShape(op: string, y: Tensor, d: number, mask: Tensor): void {
  for (let j = 0; j < mask.ndim; j++) {
    if (mask.shape[j] !== y.shape[d + j]) {
      throw new ShapeError(
        `${op}: The shape of the mask ${formatShape(mask.shape)} at index ${j} does not match the shape of the indexed tensor ${formatShape(y.shape)} at index ${d + j}`,
      );
    }
  }
}

/** The entries of `x.get('...')`'s string, split at top-level commas; `[...]` lists become arrays. */
export function splitExpr(op: string, expr: string): IndexSpec[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(expr.slice(start, i));
      start = i + 1;
    }
  }
  const last = expr.slice(start);
  if (parts.length > 0 || last.trim() !== '') parts.push(last);
  return parts.map((p) => {
    const s = p.trim();
    if (!s.startsWith('[')) return s;
    try {
      return JSON.parse(s.replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false')) as NestedArray[];
    } catch {
      throw new ValueError(`${op}: cannot parse the list '${s}': expected integers or booleans, as in '[0, 2]'`);
    }
  });
}

/**
 * The entries of an index with every value a shape depends on read back (bool tensors become
 * their nonzero coordinates, one int32 index per dim; 0-d tensors become numbers): what the
 * awaited forms (`indexAsync`, `setAsync`) pass to the synchronous ones.
 */
export async function readIndexValues(specs: readonly IndexSpec[]): Promise<IndexSpec[]> {
  const out: IndexSpec[] = [];
  for (const s of specs) {
    if (!(s instanceof Tensor) || (s.dtype !== 'bool' && s.ndim > 0)) out.push(s);
    else if (s.ndim === 0)
      out.push(s.dtype === 'bool' ? (await toTypedArray(s))[0] !== 0 : (await toTypedArray(s))[0]!);
    else out.push(...(await nonzeroAsync(s, { asTuple: true })));
  }
  return out;
}
