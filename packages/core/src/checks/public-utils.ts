import { checkpoint as rawCheckpoint } from '../autograd/checkpoint.js';
import { checked } from './checked.js';
import { UTILS } from './signatures.js';

/** The `utils` namespace of @ag/core (torch.utils): activation checkpointing. */

/** Runs `fn(...args)` keeping no intermediate values; backward recomputes them (torch.utils.checkpoint.checkpoint). */
export const checkpoint = checked('utils.checkpoint', UTILS.checkpoint, rawCheckpoint);
