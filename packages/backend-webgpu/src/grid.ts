/** Invocations per workgroup of every one-dimensional kernel (`linearIndex`, prelude). */
export const WORKGROUP = 64;
/** maxComputeWorkgroupsPerDimension's guaranteed value. */
export const MAX_GROUPS = 65535;

/** The workgroup grid for `threads` invocations in 64-wide groups, folded into 2-D past 65,535 groups. */
export function grid(threads: number): [number, number, number] {
  const groups = Math.ceil(threads / WORKGROUP);
  const x = Math.min(groups, MAX_GROUPS);
  return [x, Math.ceil(groups / x), 1];
}
