/** The matrix the indexing case files read from. */
export const m = [
  [1, 2, 3],
  [4, 5, 6],
];
