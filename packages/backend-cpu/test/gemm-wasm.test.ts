import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, compileGemm, renderGenerated } from '../scripts/compile-wasm.js';

describe('gemm-wasm.ts', () => {
  it('is gemm.wat as compiled now (else run `pnpm --filter @ag/backend-cpu build:wasm`)', async () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(renderGenerated(await compileGemm()));
  });
});
