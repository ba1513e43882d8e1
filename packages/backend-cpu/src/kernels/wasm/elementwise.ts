import { ELEMENTWISE_WASM } from './elementwise-wasm.js';

/**
 * Long float32 rows through elementwise.wat's SIMD loops. Storages are plain typed arrays, which
 * WebAssembly cannot read in place, so each chunk of the operands is copied into the module's
 * memory (`TypedArray.set`, a memcpy), computed there, and copied out. Three copies and a SIMD
 * pass cost less than V8's scalar loop, which rechecks the arrays after every store: about 2.5x
 * less where the operands are in cache, level for a plain add far out of it, ahead again for relu
 * and sums (docs/performance.md). The chunks stay in L2 between the copies.
 *
 * Everything here runs on the calling thread, one call at a time, so one memory serves all.
 */

/** Rows shorter than this keep the JavaScript loops: the copies' fixed costs outweigh the gain. */
export const WASM_ELEMENTWISE_FROM = 1024;

/** Elements per chunk: each of the three regions (a, b, out) holds one chunk (256 KiB). */
const CHUNK = 65536;
const A = 0;
const B = CHUNK;
const OUT = 2 * CHUNK;

type Binary = (a: number, b: number, o: number, n: number) => void;
type WithValue = (x: number, s: number, o: number, n: number) => void;

interface Kernels {
  readonly f32: Float32Array;
  readonly add: Binary;
  readonly sub: Binary;
  readonly mul: Binary;
  readonly div: Binary;
  readonly values: { readonly [K in WasmValueOp]: WithValue };
  readonly relu: (x: number, o: number, n: number) => void;
  readonly reluGrad: Binary;
  readonly sum: (x: number, n: number) => number;
}

/** The slice of the WebAssembly API used here (the packages compile without its types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** The instance, made on first use; null where the host has no WebAssembly SIMD. */
let instance: Kernels | null | undefined;

function kernels(): Kernels | null {
  if (instance !== undefined) return instance;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = Uint8Array.from(atob(ELEMENTWISE_WASM), (ch) => ch.charCodeAt(0));
  if (api === undefined || !api.validate(bytes)) return (instance = null);
  let e: Record<string, unknown>;
  try {
    e = new api.Instance(new api.Module(bytes), {}).exports;
  } catch {
    return (instance = null); // a page whose content security policy forbids compiling WebAssembly
  }
  const memory = e.memory as { buffer: ArrayBuffer };
  instance = {
    f32: new Float32Array(memory.buffer),
    add: e.add as Binary,
    sub: e.sub as Binary,
    mul: e.mul as Binary,
    div: e.div as Binary,
    values: {
      addValue: e.addValue as WithValue,
      mulValue: e.mulValue as WithValue,
      divValue: e.divValue as WithValue,
      rsubValue: e.rsubValue as WithValue,
      rdivValue: e.rdivValue as WithValue,
    },
    relu: e.relu as Kernels['relu'],
    reluGrad: e.reluGrad as Binary,
    sum: e.sum as Kernels['sum'],
  };
  return instance;
}

/** The binary maps: the four arithmetic ops, and relu's gradient (g where y > 0, else +0: a is g, b is y). */
export type WasmBinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'reluGrad';

/**
 * `out[j] = a[j] op b[j]` for j < n, in float32; false (nothing written) where the host lacks
 * WebAssembly SIMD.
 */
export function wasmBinary(op: WasmBinaryOp, out: Float32Array, a: Float32Array, b: Float32Array, n: number): boolean {
  const k = kernels();
  if (k === null) return false;
  const { f32 } = k;
  const run = k[op];
  for (let i = 0; i < n; i += CHUNK) {
    const m = Math.min(CHUNK, n - i);
    f32.set(a.subarray(i, i + m), A);
    f32.set(b.subarray(i, i + m), B);
    run(A * 4, B * 4, OUT * 4, m);
    out.set(f32.subarray(OUT, OUT + m), i);
  }
  return true;
}

/** With one operand a value s: x + s, x * s, x / s, s - x, s / x. */
export type WasmValueOp = 'addValue' | 'mulValue' | 'divValue' | 'rsubValue' | 'rdivValue';

/**
 * `out[j] = x[j] op s` (or `s op x[j]`) for j < n, in float32, `s` a float32 value; false
 * (nothing written) where the host lacks WebAssembly SIMD.
 */
export function wasmValue(op: WasmValueOp, out: Float32Array, x: Float32Array, s: number, n: number): boolean {
  const k = kernels();
  if (k === null) return false;
  const { f32 } = k;
  const run = k.values[op];
  for (let i = 0; i < n; i += CHUNK) {
    const m = Math.min(CHUNK, n - i);
    f32.set(x.subarray(i, i + m), A);
    run(A * 4, s, OUT * 4, m);
    out.set(f32.subarray(OUT, OUT + m), i);
  }
  return true;
}

/** `out[j] = relu(x[j])` for j < n (NaN kept, -0 to +0); false where the host lacks WebAssembly SIMD. */
export function wasmRelu(out: Float32Array, x: Float32Array, n: number): boolean {
  const k = kernels();
  if (k === null) return false;
  const { f32 } = k;
  for (let i = 0; i < n; i += CHUNK) {
    const m = Math.min(CHUNK, n - i);
    f32.set(x.subarray(i, i + m), A);
    k.relu(A * 4, OUT * 4, m);
    out.set(f32.subarray(OUT, OUT + m), i);
  }
  return true;
}

/** The float64 sum of x[j] for j < n; undefined where the host lacks WebAssembly SIMD. */
export function wasmSum(x: Float32Array, n: number): number | undefined {
  const k = kernels();
  if (k === null) return undefined;
  const { f32 } = k;
  let s = 0;
  for (let i = 0; i < n; i += CHUNK) {
    const m = Math.min(CHUNK, n - i);
    f32.set(x.subarray(i, i + m), A);
    s += k.sum(A * 4, m);
  }
  return s;
}
