import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/**
 * The line of a cell an error came from, marked in its editor until the next edit or run, so the
 * "at line N" under the output points at something visible.
 */
const setErrorLine = StateEffect.define<number | null>();

const errorLineMark = Decoration.line({ class: 'cm-error-line' });

export const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks;
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next =
        line === null || line < 1 || line > tr.state.doc.lines
          ? Decoration.none
          : Decoration.set([errorLineMark.range(tr.state.doc.line(line).from)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Marks `line` (1-based) of the cell as the error's, or clears the mark with null. */
export function markErrorLine(view: EditorView, line: number | null): void {
  view.dispatch({ effects: setErrorLine.of(line) });
}
