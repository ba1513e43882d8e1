import type { Tensor } from '@ag/core';
import { randint } from '@ag/core';

/** The values rounded to 4 decimals, as PyTorch prints them. */
export async function fourDecimals(t: Tensor): Promise<string[]> {
  return Array.from(await t.toTypedArray(), (v) => v.toFixed(4));
}

export const f4 = (values: readonly number[]): string[] => values.map((v) => v.toFixed(4));

/**
 * `n` doubles as PyTorch draws them: the low 53 bits of two 32-bit draws (high word first)
 * over 2^53, rebuilt from randint(-2^31, 2^31), which shows each raw draw as draw - 2^31.
 * Needs no float64, so it runs on every device.
 */
export async function doublesFromDraws(n: number): Promise<number[]> {
  const bits = Array.from(await randint(-(2 ** 31), 2 ** 31, [2 * n]).toTypedArray(), (v) => v + 2 ** 31);
  return Array.from({ length: n }, (_, i) => ((bits[2 * i]! % 2 ** 21) * 2 ** 32 + bits[2 * i + 1]!) / 2 ** 53);
}
