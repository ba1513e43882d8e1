/**
 * Call sites from stack text: the first frame outside @ag/core is where user code made a tensor.
 * Frames are read as V8 writes them (`at fn (file:line:col)`, `at file:line:col`) and as Firefox
 * and Safari do (`fn@file:line:col`).
 */

interface Frame {
  readonly file: string;
  readonly line: string;
  readonly text: string;
}

const FRAME = /([^\s(@]+):(\d+):(\d+)\)?$/;

function frames(stack: string): Frame[] {
  const out: Frame[] = [];
  for (const raw of stack.split('\n')) {
    const text = raw.trim();
    const m = FRAME.exec(text);
    if (m !== null) out.push({ file: m[1]!, line: m[2]!, text });
  }
  return out;
}

/**
 * Where core's own files are: the directory this module's file lies under, up to `src/` when
 * run from source (so that core's tests are not mistaken for core) or the bundle's directory.
 */
const coreRoot: string | null = (() => {
  const here = frames(new Error().stack ?? '')[0]?.file;
  if (here === undefined) return null;
  const src = here.lastIndexOf('/src/');
  return src >= 0 ? here.slice(0, src + 5) : here.slice(0, here.lastIndexOf('/') + 1);
})();

function isUserFrame(f: Frame): boolean {
  return !(coreRoot !== null && f.file.startsWith(coreRoot)) && !f.file.startsWith('node:');
}

/** The frames of `stack` outside core, innermost first. */
export function userFrames(stack: string): { site: string; stack: string } {
  const user = frames(stack).filter(isUserFrame);
  const first = user[0];
  return {
    site: first === undefined ? '(unknown: no frame outside @ag/core)' : `${first.file}:${first.line}`,
    stack: user
      .slice(0, 8)
      .map((f) => f.text)
      .join('\n'),
  };
}
