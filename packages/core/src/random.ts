import { defaultGenerator } from './random/generator.js';
import { sampleNormal, sampleUniform } from './random/distributions.js';

export {
  Generator,
  defaultGenerator,
  getRngState,
  initialSeed,
  manualSeed,
  seed,
  setRngState,
} from './random/generator.js';

/*
 * Host draws for ag's own helpers (toy datasets), from the default generator in double
 * precision, so they too repeat after `manualSeed`.
 */

/** A uniform number in [0, 1). */
export function uniform(): number {
  return sampleUniform(defaultGenerator, 1, 0, 1, 53)[0]!;
}

/** `n` uniform numbers in [0, 1). */
export function uniforms(n: number): Float64Array {
  return sampleUniform(defaultGenerator, n, 0, 1, 53);
}

/** `n` standard normal numbers. */
export function normals(n: number): Float64Array {
  return sampleNormal(defaultGenerator, n, 0, 1, 53);
}
