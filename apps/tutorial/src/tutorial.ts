import { seedCells, type SeedScope } from '@ag/conformance';

/**
 * The seed tutorial as text: each cell's label and TypeScript source, then what it prints.
 * `print(v)` in the sources prints as Python's print does (`None` for null), and a value alone
 * on a cell's last line prints its repr, as a notebook shows it. Cells are written as they run,
 * so a warning a cell raises (reading a non-leaf's .grad) appears beside it.
 */
export async function runTutorial(write: (text: string) => void): Promise<void> {
  const scope: SeedScope = {};
  write("PyTorch's autograd tutorial, reproduced with ag (TypeScript).\n");
  write('print(v) shows a value as Python prints it; the last expression of a cell shows its repr.\n');
  for (const cell of seedCells) {
    write(`\n${cell.label}:\n${cell.source}\n`);
    const printed = await cell.run(scope);
    if (printed.length > 0) write(`\n${printed.join('\n')}\n`);
  }
}
