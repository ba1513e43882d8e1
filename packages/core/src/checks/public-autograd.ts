import * as functional from '../autograd/functional.js';
import * as gradMode from '../autograd/grad-mode.js';
import * as gradchecks from '../gradcheck.js';
import * as vmaps from '../autograd/vmap.js';
import { checkedAll } from './checked.js';
import { AUTOGRAD } from './signatures.js';

/**
 * torch.autograd's functions and the grad modes, each behind the
 * check of its line in signatures.ts: the `autograd` namespace of @ag/core, and (named there)
 * its top-level exports of the same functions.
 */
export * from '../autograd/index.js';

const raw = { ...functional, ...gradMode, ...gradchecks, ...vmaps };
const fns = checkedAll(raw, AUTOGRAD satisfies Record<keyof typeof raw, string>);

export const {
  grad,
  vjp,
  jvp,
  jacobian,
  hessian,
  hvp,
  vhp,
  gradcheck,
  gradgradcheck,
  noGrad,
  enableGrad,
  inferenceMode,
  detectAnomaly,
  setGradEnabled,
  setDetectAnomaly,
  isGradEnabled,
  isInferenceModeEnabled,
  isAnomalyEnabled,
  vmap,
} = fns;
