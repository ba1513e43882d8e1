import { CHAIN_OPS, CHAIN_SMALL_SHAPE, MATMUL_SIZES, type Contender, type Preparation } from './contender.js';
import { NOT_OFFERED } from './report/format.js';

/** One row of the table: which work to prepare, and how to turn milliseconds into its unit. */
export interface Row {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  /** undefined when the contender does not offer the work at all. */
  prepare(c: Contender): Promise<Preparation> | undefined;
  metric(ms: number): number;
}

const ms = (x: number): number => x;

function row(id: string, label: string, prepare: Row['prepare']): Row {
  return { id, label, unit: 'ms', higherIsBetter: false, prepare, metric: ms };
}

export const ROWS: readonly Row[] = [
  ...MATMUL_SIZES.map((n): Row => ({
    id: `matmul-${n}`,
    label: `matmul ${n}`,
    unit: 'GFLOP/s',
    higherIsBetter: true,
    prepare: (c) => c.matmul?.(n),
    metric: (t) => (2 * n ** 3) / (t * 1e6),
  })),
  row('add', 'add 1M', (c) => c.add?.()),
  row('relu-affine', 'relu(x*w+b) 1M', (c) => c.reluAffine?.()),
  row('sum', 'sum 4M', (c) => c.sum?.()),
  row('softmax', 'softmax 4096x1024', (c) => c.softmax?.()),
  row('conv2d', 'conv2d 8x16x32x32, 3x3 to 32', (c) => c.conv2d?.()),
  row('mlp-step', 'MLP 784-256-10 step, batch 128', (c) => c.mlpStep?.()),
  chainRow('chain', 'scalar ops', []),
  chainRow('chain-small', `ops on [${CHAIN_SMALL_SHAPE.join(', ')}]`, CHAIN_SMALL_SHAPE),
  row('transformer-step', 'char-transformer step, batch 16, seq 64', (c) => c.transformerStep?.()),
];

function chainRow(id: string, what: string, shape: readonly number[]): Row {
  const label = `autograd, ${CHAIN_OPS / 1000}k ${what}`;
  return {
    id,
    label,
    unit: 'us/op',
    higherIsBetter: false,
    prepare: (c) => c.chain?.(shape),
    metric: (t) => (t * 1000) / CHAIN_OPS,
  };
}

/** The row's work prepared by `c`, or why not (work it does not offer shows as a dash). */
export async function prepareRow(row: Row, c: Contender): Promise<Preparation> {
  return (await row.prepare(c)) ?? { na: NOT_OFFERED };
}
