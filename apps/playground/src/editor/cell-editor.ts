import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import type { Completions } from '../worker/protocol.ts';
import { agCompletions } from './completion.ts';
import { errorLineField } from './error-line.ts';

export interface CellEditorOptions {
  doc: string;
  /** Ctrl/Cmd+Enter: run this cell. Shift+Enter: run it and move to the next, as in Jupyter. */
  onRun(advance: boolean): void;
  onFocus(): void;
  onChange(): void;
  completions(): Completions | null;
  /** The accessible name of the editor ('cell 3'). */
  label: string;
}

/** One cell's CodeMirror 6 editor: TypeScript highlighting, ag completion, run keys. */
export function createCellEditor(parent: HTMLElement, options: CellEditorOptions): EditorView {
  const runKeys = Prec.highest(
    keymap.of([
      { key: 'Mod-Enter', run: () => (options.onRun(false), true) },
      { key: 'Shift-Enter', run: () => (options.onRun(true), true) },
    ]),
  );
  const state = EditorState.create({
    doc: options.doc,
    extensions: [
      runKeys,
      lineNumbers(),
      history(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      EditorView.lineWrapping,
      errorLineField,
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      javascript({ typescript: true }),
      javascriptLanguage.data.of({ autocomplete: agCompletions(() => options.completions()) }),
      autocompletion(),
      // Tab indents; Escape then Tab leaves the editor (CodeMirror's rule), so the page stays keyboard-usable.
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
      EditorView.contentAttributes.of({ 'aria-label': options.label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange();
        if (update.focusChanged && update.view.hasFocus) options.onFocus();
      }),
    ],
  });
  return new EditorView({ state, parent });
}
