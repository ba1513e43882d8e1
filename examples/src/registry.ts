import { charTransformer } from './char-transformer.js';
import { cnnShapes } from './cnn-shapes.js';
import type { Example } from './example.js';
import { mlpMoons } from './mlp-moons.js';

/** The examples `pnpm train` knows, by name. */
export const examples: Record<string, Example> = Object.fromEntries(
  [mlpMoons, cnnShapes, charTransformer].map((e) => [e.name, e]),
);
