/**
 * Lines of user code in an error's stack. Each cell's function carries a `//# sourceURL`, so its
 * frames read `cell3.ts:LINE:COL`; the line counts the lines `new Function` puts before the body,
 * measured once here rather than assumed (they differ between engines).
 */
// The constructor of async functions has no global name; it is reached through one.
const AsyncFunction = (
  Object.getPrototypeOf(async function () {}) as { constructor: new (...args: string[]) => unknown }
).constructor;

export function cellFileName(cell: number): string {
  return `cell${cell}.ts`;
}

/** Makes the cell's function; the body's first line is the cell's first line. */
export function cellFunction(body: string, cell: number, params: string[]): (...args: unknown[]) => Promise<unknown> {
  return new AsyncFunction(...params, `${body}\n//# sourceURL=${cellFileName(cell)}`) as (
    ...args: unknown[]
  ) => Promise<unknown>;
}

let headerLines: number | undefined;

function header(): number {
  if (headerLines !== undefined) return headerLines;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- measuring how the engine compiles a body
  const probe = new Function('return new Error().stack\n//# sourceURL=probe.ts') as () => string;
  const line = Number(/probe\.ts:(\d+)/.exec(probe())?.[1] ?? 1);
  return (headerLines = line - 1);
}

/** The line in cell `cell` where `e` was thrown (the innermost frame in the cell's code), if any. */
export function errorLine(e: unknown, cell: number): number | undefined {
  const stack = (e as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return undefined;
  const match = new RegExp(`${cellFileName(cell).replace('.', '\\.')}:(\\d+):\\d+`).exec(stack);
  return match ? Number(match[1]) - header() : undefined;
}
