import { autogradEntries } from './autograd.js';
import { creationEntries } from './creation.js';
import { dtypeDeviceEntries } from './dtypes-devices.js';
import type { BadInput } from './entry.js';
import { fileEntries } from './files.js';
import { indexEntries } from './indices.js';
import { layerEntries } from './layers.js';
import { optimEntries } from './optim.js';
import { shapeEntries } from './shapes.js';

/** The catalogue of bad inputs across the API, every entry run on every backend (run.ts). */
export const badInputs: readonly BadInput[] = [
  ...shapeEntries,
  ...layerEntries,
  ...indexEntries,
  ...dtypeDeviceEntries,
  ...autogradEntries,
  ...creationEntries,
  ...optimEntries,
  ...fileEntries,
];

const names = new Set<string>();
for (const e of badInputs) {
  if (names.has(e.name)) throw new Error(`bad-input catalogue: two entries named ${JSON.stringify(e.name)}`);
  names.add(e.name);
}
