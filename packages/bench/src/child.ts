import { fork } from 'node:child_process';

/**
 * The parent and child sides of running work in a process of its own: libraries keep global
 * state (registered backends, WebGPU devices, wasm memory), and a fresh process gives each
 * measurement its own. The result goes back over the IPC channel.
 */

/** Below the 8 MiB main-thread stack Linux gives by default, so V8 never overruns it. */
const BIG_STACK_KB = 7600;

export interface ChildOptions {
  bigStack: boolean;
  /** Work that hangs (a driver, a deadlock) must not stall the whole run. */
  timeoutMs: number;
}

/** Forks `script`; resolves to the message it sends, or to `failed(why)` when it sends none. */
export function runChild<T>(
  script: string,
  args: string[],
  { bigStack, timeoutMs }: ChildOptions,
  failed: (why: string) => T,
): Promise<T> {
  const execArgv = [...process.execArgv, '--expose-gc', ...(bigStack ? [`--stack-size=${BIG_STACK_KB}`] : [])];
  return new Promise((resolve) => {
    // Children's stdout (tfjs greets on it) goes to our stderr, keeping stdout for the table.
    const child = fork(script, args, { execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
    let result: T | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (m) => (result = m as T));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        result ??
          failed(
            signal === 'SIGKILL' ? `timed out after ${timeoutMs / 1000} s` : `process exited with ${signal ?? code}`,
          ),
      );
    });
  });
}

/** Child side: sends the result to the parent, or prints it when run by hand, then leaves. */
export function reply(result: unknown): void {
  // Some libraries keep handles (Dawn devices, timers) open: once the result is sent, leave.
  if (process.send === undefined) {
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  } else {
    process.send(result, () => process.exit(0));
  }
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A failure as a table cell shows it: the first line, cut short. */
export function failure(e: unknown): string {
  return `failed: ${message(e).split('\n')[0]!.slice(0, 120)}`;
}
