import { seedCells } from '@ag/conformance';
import { broadcasting } from './broadcasting.ts';
import { customFunction } from './custom-function.ts';
import { higherOrder } from './higher-order.ts';
import { training } from './training.ts';
import { vectorJacobian } from './vjp.ts';

export interface Example {
  id: string;
  title: string;
  cells: readonly string[];
}

/**
 * The examples menu. The seed tutorial's cells come from @ag/conformance, the one place that
 * `pnpm tutorial` and the conformance suite read them from (never copied here).
 */
export const examples: readonly Example[] = [
  { id: 'seed', title: "Seed tutorial (PyTorch's autograd tutorial)", cells: seedCells.map((c) => c.source) },
  { id: 'broadcasting', title: 'Broadcasting', cells: broadcasting },
  { id: 'vjp', title: 'backward with a gradient (vector-Jacobian product)', cells: vectorJacobian },
  { id: 'custom-function', title: 'A custom autograd Function', cells: customFunction },
  { id: 'higher-order', title: 'Higher-order gradients', cells: higherOrder },
  { id: 'training', title: 'A training loop', cells: training },
];
