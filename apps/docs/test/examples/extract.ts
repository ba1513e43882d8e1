/**
 * The docs' executable examples: a fenced block whose info string is `ts example`, followed
 * (blank lines allowed, nothing else) by a fenced `text` block holding exactly what it prints.
 */
export interface Example {
  /** The page, as given to `extractExamples`. */
  file: string;
  /** 1-based line of the example's opening fence. */
  line: number;
  code: string;
  /** What the page says it prints (the `text` block's content, without a final newline). */
  expected: string;
}

interface Fence {
  /** 0-based index of the opening line. */
  start: number;
  info: string;
  body: string;
  /** 0-based index of the closing line. */
  end: number;
}

const OPEN = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/;

/** Every fenced block of a page, in order (CommonMark: a fence closes with at least as many of its character). */
function fences(lines: readonly string[], file: string): Fence[] {
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!);
    if (open === null) continue;
    const mark = open[1]!;
    const close = new RegExp(`^ {0,3}${mark[0] === '`' ? '`' : '~'}{${mark.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    if (j === lines.length) throw new Error(`${file}:${i + 1}: a code fence opened here is never closed`);
    out.push({ start: i, info: open[2]!.trim(), body: lines.slice(i + 1, j).join('\n'), end: j });
    i = j;
  }
  return out;
}

/** The examples of one page. A `ts example` block without its `text` block right after is an error. */
export function extractExamples(markdown: string, file: string): Example[] {
  const lines = markdown.split(/\r?\n/);
  const all = fences(lines, file);
  const out: Example[] = [];
  all.forEach((fence, k) => {
    if (!/^ts\s+example$/.test(fence.info)) return;
    const next = all[k + 1];
    const between = next === undefined ? [] : lines.slice(fence.end + 1, next.start);
    if (next === undefined || next.info !== 'text' || between.some((l) => l.trim() !== '')) {
      throw new Error(
        `${file}:${fence.start + 1}: a \`ts example\` block must be followed by a \`text\` block with what it prints`,
      );
    }
    out.push({ file, line: fence.start + 1, code: fence.body, expected: next.body });
  });
  return out;
}
