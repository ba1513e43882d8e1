import type { Contender } from '../contender.js';
import { agContender } from './ag.js';
import { jaxContender } from './jax.js';
import { plainJsContender } from './plain-js.js';
import { tfjsContender } from './tfjs.js';

/** Every contender, by the name the table shows, in the table's column order. */
export const CONTENDERS: Record<string, () => Contender> = {
  'ag cpu': () => agContender('cpu'),
  'ag webgpu': () => agContender('webgpu'),
  'tfjs cpu': () => tfjsContender('cpu'),
  'tfjs wasm': () => tfjsContender('wasm'),
  'tfjs webgpu': () => tfjsContender('webgpu'),
  'jax-js wasm': () => jaxContender('wasm', false),
  'jax-js wasm jit': () => jaxContender('wasm', true, true),
  'jax-js webgpu': () => jaxContender('webgpu', true),
  'plain js': plainJsContender,
};

/** jax-js's grad recurses once per op of the 10k-op chain: its process gets a larger stack. */
export const NEEDS_BIG_STACK = (name: string): boolean => name.startsWith('jax-js');
