import { readFileSync } from 'node:fs';
import wabt from 'wabt';

/**
 * Compiles src/kernels/wasm/gemm.wat (with pack.wat spliced in), elementwise.wat and softmax.wat
 * with wabt (the WebAssembly Binary Toolkit, from npm) and renders the generated TypeScript
 * modules that carry the bytes. Shared by the build script (scripts/build-wasm.ts) and the tests
 * that keep the committed modules in step with the sources.
 */

export const WAT_PATH = new URL('../src/kernels/wasm/gemm.wat', import.meta.url);
/** Functions that gemm.wat takes in at its `@splice pack.wat` line. */
export const PACK_PATH = new URL('../src/kernels/wasm/pack.wat', import.meta.url);
const SPLICE = /^.*@splice pack\.wat.*$/m;
export const GENERATED_PATH = new URL('../src/kernels/wasm/gemm-wasm.ts', import.meta.url);

const SHARED_MEMORY = /\(memory (\d+) (\d+) shared\)/;
const FEATURES = { simd: true, threads: true, bulk_memory: true, relaxed_simd: true };
/** The micro-kernel's multiply-then-add, which the relaxed variant makes one f32x4.relaxed_madd. */
const MUL_ADD = /\(f32x4\.add \(local\.get (\$c\d\d)\) \(f32x4\.mul \(local\.get (\$a)\) \(local\.get (\$b\d)\)\)\)/g;
const MICRO_MUL_ADDS = 8;

/** The four binaries: shared or plain memory, each with mul + add and with relaxed_madd. */
export interface GemmBinaries {
  readonly shared: Uint8Array;
  readonly plain: Uint8Array;
  readonly sharedRelaxed: Uint8Array;
  readonly plainRelaxed: Uint8Array;
}

/** The source with the micro-kernel's multiply-adds fused (relaxed SIMD: fused or not, as the host does it). */
export function relaxedSource(source: string): string {
  const found = source.match(MUL_ADD)?.length ?? 0;
  if (found !== MICRO_MUL_ADDS)
    throw new Error(`gemm.wat: expected ${MICRO_MUL_ADDS} multiply-adds in $micro, found ${found}`);
  return source.replace(MUL_ADD, '(f32x4.relaxed_madd (local.get $2) (local.get $3) (local.get $1))');
}

/** wabt's `validate` takes the feature set too (its typings leave the argument out). */
interface Validating {
  validate(features: typeof FEATURES): void;
}

/**
 * The module importing a shared memory (for threads) and a plain one (for hosts without), each
 * also with relaxed SIMD's multiply-add (for hosts that have it).
 */
export async function compileGemm(): Promise<GemmBinaries> {
  const main = readFileSync(WAT_PATH, 'utf8');
  if (!SPLICE.test(main)) throw new Error('gemm.wat: expected an `@splice pack.wat` line');
  const source = main.replace(SPLICE, () => readFileSync(PACK_PATH, 'utf8'));
  if (!SHARED_MEMORY.test(source)) throw new Error('gemm.wat: expected a `(memory MIN MAX shared)` import');
  const compile = await watCompiler('gemm.wat');
  const plain = source.replace(SHARED_MEMORY, '(memory $1 $2)');
  return {
    shared: compile(source),
    plain: compile(plain),
    sharedRelaxed: compile(relaxedSource(source)),
    plainRelaxed: compile(relaxedSource(plain)),
  };
}

/** A function from WebAssembly text (of the file `name`) to its validated binary. */
async function watCompiler(name: string): Promise<(text: string) => Uint8Array> {
  const toolkit = await wabt();
  return (text) => assemble(toolkit, name, text);
}

/** One module's text to validated bytes. */
function assemble(toolkit: Awaited<ReturnType<typeof wabt>>, name: string, text: string): Uint8Array {
  const mod = toolkit.parseWat(name, text, FEATURES);
  try {
    mod.resolveNames();
    (mod as unknown as Validating).validate(FEATURES);
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

export const SOFTMAX_WAT_PATH = new URL('../src/kernels/wasm/softmax.wat', import.meta.url);
export const SOFTMAX_GENERATED_PATH = new URL('../src/kernels/wasm/softmax-wasm.ts', import.meta.url);

/** softmax.wat compiled twice, as gemm.wat: importing a shared memory, and a plain one. */
export async function compileSoftmax(): Promise<{ shared: Uint8Array; plain: Uint8Array }> {
  const source = readFileSync(SOFTMAX_WAT_PATH, 'utf8');
  if (!SHARED_MEMORY.test(source)) throw new Error('softmax.wat: expected a `(memory MIN MAX shared)` import');
  const compile = await watCompiler('softmax.wat');
  return { shared: compile(source), plain: compile(source.replace(SHARED_MEMORY, '(memory $1 $2)')) };
}

/** softmax-wasm.ts's text: the two binaries in base64. */
export function renderSoftmax(bytes: { shared: Uint8Array; plain: Uint8Array }): string {
  return renderModule('softmax.wat', [
    ['SOFTMAX_WASM_SHARED', 'softmax.wat compiled, importing a shared memory (threads), in base64.', bytes.shared],
    [
      'SOFTMAX_WASM_PLAIN',
      'softmax.wat compiled, importing an unshared memory (no SharedArrayBuffer), in base64.',
      bytes.plain,
    ],
  ]);
}

/** gemm-wasm.ts's text: the four binaries in base64. */
export function renderGenerated(bytes: GemmBinaries): string {
  return renderModule('gemm.wat', [
    ['GEMM_WASM_SHARED', 'gemm.wat compiled, importing a shared memory (threads), in base64.', bytes.shared],
    [
      'GEMM_WASM_PLAIN',
      'gemm.wat compiled, importing an unshared memory (no SharedArrayBuffer), in base64.',
      bytes.plain,
    ],
    [
      'GEMM_WASM_SHARED_RELAXED',
      'The shared one with relaxed SIMD (f32x4.relaxed_madd in the micro-kernel).',
      bytes.sharedRelaxed,
    ],
    ['GEMM_WASM_PLAIN_RELAXED', 'The plain one with relaxed SIMD.', bytes.plainRelaxed],
  ]);
}

/** A generated module's text: each binary a base64 constant with its doc, under a header naming the source. */
function renderModule(source: string, constants: readonly (readonly [string, string, Uint8Array])[]): string {
  return [
    `// Generated by scripts/build-wasm.ts from ${source}; do not edit.`,
    '// Regenerate with `pnpm --filter @ag/backend-cpu build:wasm` (a test fails while this file is stale).',
    '',
    ...constants.flatMap(([name, doc, bytes]) => [
      `/** ${doc} */`,
      `export const ${name} = '${Buffer.from(bytes).toString('base64')}';`,
      '',
    ]),
  ].join('\n');
}

export const ELEMENTWISE_WAT_PATH = new URL('../src/kernels/wasm/elementwise.wat', import.meta.url);
export const ELEMENTWISE_GENERATED_PATH = new URL('../src/kernels/wasm/elementwise-wasm.ts', import.meta.url);

/** elementwise.wat compiled (its own unshared memory: it runs on the calling thread only). */
export async function compileElementwise(): Promise<Uint8Array> {
  return (await watCompiler('elementwise.wat'))(readFileSync(ELEMENTWISE_WAT_PATH, 'utf8'));
}

/** elementwise-wasm.ts's text: the binary in base64. */
export function renderElementwise(bytes: Uint8Array): string {
  return renderModule('elementwise.wat', [['ELEMENTWISE_WASM', 'elementwise.wat compiled, in base64.', bytes]]);
}
