/**
 * Whether ops record the autograd graph. Like PyTorch's grad mode it is global and
 * thread-local in spirit: JavaScript runs one op at a time, so a module variable suffices.
 * The scoped helpers run a synchronous function; an async function would leave the mode set
 * only until its first `await`.
 */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

export function setGradEnabled(mode: boolean): void {
  enabled = mode;
}

function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Runs `fn` without recording the graph: its results do not require grad (torch.no_grad). */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with the graph recorded, even inside `noGrad` (torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}
