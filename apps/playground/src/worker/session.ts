import { formatPrint, formatRepr } from './format.ts';
import { importName } from './modules.ts';
import type { OutputKind } from './protocol.ts';
import { cellFunction, errorLine } from './stack.ts';
import { CellSyntaxError, compileCell } from './transform.ts';

export interface Emitted {
  id: number;
  kind: OutputKind;
  text: string;
  line?: number;
}

/**
 * A notebook session: the scope cells share and the runs that execute in it, one at a time. It
 * knows nothing of workers (runner.ts carries its output to the page), so Node tests run it too.
 */
export class Session {
  /** The notebook's variables: every top-level name a cell declares. */
  private readonly scope = Object.create(null) as Record<string, unknown>;
  /** The run that print and warnings write to, and the queue that keeps its output in order. */
  private current: { id: number; cell: number; queue: Promise<void> } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  /** What every cell has without importing it (the graph view adds `show`). */
  readonly builtins: Record<string, unknown> = {
    print: (...values: unknown[]) => {
      this.emit('print', formatPrint(values));
    },
    __import: importName,
  };

  constructor(private readonly sink: (out: Emitted) => void) {}

  /** The notebook's variables by name (the graph view names tensors by them). */
  variables(): Readonly<Record<string, unknown>> {
    return this.scope;
  }

  /** Whether a run is in progress (its output goes to the page; otherwise to the console). */
  get running(): boolean {
    return this.current !== null;
  }

  /** Adds output to the current run, in order, after any print still being formatted. */
  emit(kind: OutputKind, text: Promise<string> | string, line?: number): void {
    const run = this.current;
    if (run === null) return;
    run.queue = run.queue.then(async () => {
      try {
        this.sink({ id: run.id, kind, text: await text, ...(line === undefined ? {} : { line }) });
      } catch (e) {
        const at = errorLine(e, run.cell);
        this.sink({ id: run.id, kind: 'error', text: describeError(e), ...(at === undefined ? {} : { line: at }) });
      }
    });
  }

  /** Runs cell number `cell`'s code after any run before it; resolves when its output is all out. */
  run(id: number, cell: number, code: string): Promise<{ ok: boolean; ms: number }> {
    const next = this.chain.then(() => this.execute(id, cell, code));
    this.chain = next;
    return next;
  }

  private async execute(id: number, cell: number, code: string): Promise<{ ok: boolean; ms: number }> {
    const start = performance.now();
    const state = { id, cell, queue: Promise.resolve() };
    this.current = state;
    let ok = true;
    try {
      const program = compileCell(code);
      for (const name of program.declared) if (!(name in this.scope)) this.scope[name] = undefined;
      // `with` puts the scope's names (then the builtins) in reach of the cell's code; the
      // function is sloppy-mode code, which allows it. The body stays on the cell's lines.
      const hoist = program.functions.map((f) => `__scope.${f} = ${f};`).join('');
      const fn = cellFunction(`with (__builtins) { with (__scope) { ${hoist}${program.body}\n} }`, cell, [
        '__builtins',
        '__scope',
      ]);
      const value = await fn(this.builtins, this.scope);
      // A notebook shows nothing for None, as Jupyter does.
      if (program.returnsValue && value !== undefined && value !== null) this.emit('result', formatRepr(value));
    } catch (e) {
      ok = false;
      this.emit('error', describeError(e), e instanceof CellSyntaxError ? e.line : errorLine(e, cell));
    }
    await state.queue;
    this.current = null;
    return { ok, ms: performance.now() - start };
  }
}

/** `Error: message`, as the seed prints a caught error (`SyntaxError: ...` for a syntax error). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `Error: ${String(e)}`;
}
