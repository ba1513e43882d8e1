import { cell } from './cells.ts';

/** Broadcasting, and why the gradient of a broadcast input is a sum. */
export const broadcasting: readonly string[] = [
  cell(`
// Broadcasting lines shapes up from the right; a dimension of size 1 stretches to match.
import { arange, ones, tensor } from '@ag/core';
const col = arange(3).reshape([3, 1]); // [[0], [1], [2]], shape [3, 1]
const row = tensor([10, 20]); // shape [2], read as [1, 2]
const grid = col.add(row); // shape [3, 2]: grid[i][j] = col[i] + row[j]
print(grid.shape);
grid
`),
  cell(`
// A broadcast input was used once per stretched row, so its gradient sums over those rows.
const w = ones([2], { requiresGrad: true });
const x = arange(6).reshape([3, 2]).float(); // [[0, 1], [2, 3], [4, 5]]
x.mul(w).sum().backward();
print(w.grad); // the column sums of x: [0 + 2 + 4, 1 + 3 + 5] = [6, 9]
`),
];
