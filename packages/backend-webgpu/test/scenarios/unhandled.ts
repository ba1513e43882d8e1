import { afterAll, beforeAll, expect } from 'vitest';

/** Fails the enclosing describe block if a promise rejection went unhandled while it ran, in Node or a page. */
export function expectNoUnhandledRejections(): void {
  let watch: ReturnType<typeof watchUnhandled> | undefined;
  beforeAll(() => {
    watch = watchUnhandled();
  });
  afterAll(async () => {
    expect(await watch?.stop()).toEqual([]);
  });
}

/**
 * Collects the promise rejections nobody handled, in Node (`process`) or a page (`window`);
 * `stop` waits a moment (they are reported after a turn of the event loop) and returns them.
 */
function watchUnhandled(): { stop: () => Promise<unknown[]> } {
  const seen: unknown[] = [];
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  const onNode = (reason: unknown) => seen.push(reason);
  const onPage = (event: Event) => seen.push((event as Event & { reason: unknown }).reason);
  const page = globalThis as unknown as EventTarget;
  const node = proc?.on !== undefined;
  if (node) proc.on('unhandledRejection', onNode);
  else page.addEventListener('unhandledrejection', onPage);
  return {
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (node) proc.off('unhandledRejection', onNode);
      else page.removeEventListener('unhandledrejection', onPage);
      return seen;
    },
  };
}
