import * as raw from '../io/files.js';
import { checkedAll } from './checked.js';
import { NODE_FILES } from './signatures.js';

/** What @ag/core/node exports: io/files.ts's functions, each behind its line of signatures.ts. */
const fns = checkedAll(raw, NODE_FILES satisfies Record<keyof typeof raw, string>);

export const { saveFile, loadFile } = fns;
