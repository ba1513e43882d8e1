import * as raw from '../io/index.js';
import { checkedAll } from './checked.js';
import { SAFETENSORS } from './signatures.js';

/** The safetensors namespace of @ag/core: io/index.ts's functions, each behind its line of signatures.ts. */
export type * from '../io/index.js';

const fns = checkedAll(raw, SAFETENSORS satisfies Record<keyof typeof raw, string>, 'safetensors.');

export const { save, load, serialize, deserialize } = fns;
