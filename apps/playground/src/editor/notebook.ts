import type { EditorView } from '@codemirror/view';
import { appendNote, appendOutput } from '../output/render.ts';
import type { Runner } from '../worker/client.ts';
import type { Completions } from '../worker/protocol.ts';
import { createCellEditor } from './cell-editor.ts';
import { markErrorLine } from './error-line.ts';

interface Cell {
  root: HTMLElement;
  label: HTMLElement;
  editor: EditorView;
  output: HTMLElement;
}

export interface NotebookOptions {
  container: HTMLElement;
  runner: Runner;
  completions(): Completions | null;
  /** Any edit, added or deleted cell (the page writes the code to the URL). */
  onChange(): void;
  /** A run started or ended (the page enables Stop). */
  onBusy(busy: boolean): void;
}

/**
 * The notebook: cells of TypeScript, each a small editor with its output under it, run in order
 * in one worker so variables live across cells. The active cell (the one last focused or run) is
 * what Run runs; its output area carries `data-testid="output"`.
 */
export class Notebook {
  private cells: Cell[] = [];
  private active: Cell | null = null;
  private count = 0;
  private busy = false;
  private stopRequested = false;

  constructor(private readonly options: NotebookOptions) {}

  /** Replaces every cell with these sources (outputs cleared); nothing runs. */
  load(sources: readonly string[]): void {
    for (const cell of this.cells) cell.editor.destroy();
    this.cells = [];
    this.active = null;
    this.options.container.replaceChildren();
    for (const source of sources.length > 0 ? sources : ['']) this.add(source);
    this.activate(this.cells[0]!);
  }

  /** The cells' sources, in order. */
  sources(): string[] {
    return this.cells.map((c) => c.editor.state.doc.toString());
  }

  /** Adds a cell after `after` (at the end without one); it is not focused. */
  add(source = '', after: Cell | null = null): Cell {
    const root = document.createElement('div');
    root.className = 'cell';
    root.dataset.testid = 'cell';
    // idle, running, ok, error or stopped: what the last run of this cell did.
    root.dataset.state = 'idle';
    const head = document.createElement('div');
    head.className = 'cell-head';
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = 'In [ ]:';
    const run = button('Run', 'Run this cell', 'cell-run');
    const del = button('Delete', 'Delete this cell', 'cell-delete');
    head.append(label, run, del);
    const editorHost = document.createElement('div');
    const output = document.createElement('div');
    output.className = 'cell-output';
    output.dataset.testid = 'cell-output';
    output.setAttribute('aria-live', 'polite');
    root.append(head, editorHost, output);
    const at = after === null ? this.cells.length : this.cells.indexOf(after) + 1;
    const cell: Cell = {
      root,
      label,
      output,
      editor: createCellEditor(editorHost, {
        doc: source,
        label: 'Cell code',
        completions: () => this.options.completions(),
        onChange: () => {
          this.options.onChange();
        },
        onFocus: () => {
          this.activate(cell);
        },
        onRun: (advance) => {
          void this.runAndAdvance(cell, advance);
        },
      }),
    };
    run.addEventListener('click', () => void this.run(cell));
    del.addEventListener('click', () => {
      this.remove(cell);
    });
    this.options.container.insertBefore(root, this.cells[at]?.root ?? null);
    this.cells.splice(at, 0, cell);
    this.options.onChange();
    return cell;
  }

  /** Adds an empty cell after the active one and puts the cursor in it. */
  addAfterActive(source = ''): void {
    const cell = this.add(source, this.active);
    this.activate(cell);
    cell.editor.focus();
  }

  /** Runs the active cell. */
  runActive(): Promise<boolean> {
    return this.active === null ? Promise.resolve(false) : this.run(this.active);
  }

  /** Runs every cell in order, stopping at the first error or at Stop. */
  async runAll(): Promise<boolean> {
    for (const cell of [...this.cells]) {
      if (!(await this.run(cell))) return false;
    }
    return true;
  }

  /** Ends the run now: the worker is replaced, and with it the notebook's variables. */
  stop(): void {
    this.stopRequested = true;
    this.options.runner.stop();
  }

  private async runAndAdvance(cell: Cell, advance: boolean): Promise<void> {
    const ok = await this.run(cell);
    if (!ok || !advance) return;
    const next = this.cells[this.cells.indexOf(cell) + 1] ?? this.add('', cell);
    this.activate(next);
    next.editor.focus();
  }

  /** Runs one cell; false when it failed or was stopped, or when another run is in progress. */
  private async run(cell: Cell): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.stopRequested = false;
    this.activate(cell);
    this.options.onBusy(true);
    cell.output.replaceChildren();
    markErrorLine(cell.editor, null);
    cell.root.classList.add('running');
    cell.root.dataset.state = 'running';
    cell.label.textContent = 'In [*]:';
    const index = this.cells.indexOf(cell) + 1;
    const result = await this.options.runner.run(index, cell.editor.state.doc.toString(), (out) => {
      appendOutput(cell.output, out);
      if (out.kind === 'error' && out.line !== undefined) markErrorLine(cell.editor, out.line);
    });
    cell.root.classList.remove('running');
    this.count += 1;
    cell.label.textContent = result.stopped ? 'In [ ]:' : `In [${this.count}]:`;
    cell.root.dataset.state = result.stopped ? 'stopped' : result.ok ? 'ok' : 'error';
    if (result.stopped) {
      appendNote(
        cell.output,
        this.stopRequested
          ? 'Stopped. The worker was restarted: the variables of earlier cells are gone (run them again).'
          : 'The worker was restarted (backend changed): the variables of earlier cells are gone.',
      );
    }
    this.busy = false;
    this.options.onBusy(false);
    return result.ok && !result.stopped;
  }

  private remove(cell: Cell): void {
    const i = this.cells.indexOf(cell);
    cell.editor.destroy();
    cell.root.remove();
    this.cells.splice(i, 1);
    if (this.cells.length === 0) this.add('');
    if (this.active === cell) this.activate(this.cells[Math.min(i, this.cells.length - 1)]!);
    this.options.onChange();
  }

  private activate(cell: Cell): void {
    if (this.active === cell) return;
    if (this.active !== null) {
      this.active.root.classList.remove('active');
      this.active.output.dataset.testid = 'cell-output';
    }
    this.active = cell;
    cell.root.classList.add('active');
    cell.output.dataset.testid = 'output';
  }
}

function button(text: string, title: string, testid: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.dataset.testid = testid;
  return b;
}
