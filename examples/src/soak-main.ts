/**
 * `pnpm soak [--steps N] [--device cpu|webgpu]... [--model mlp-moons|cnn-shapes]... [--style plain|tidy|dispose]...`:
 * trains the MLP and the CNN for 10,000 steps (by default) in each style on each device and
 * prints what stays alive (soak.ts): live tensors, their bytes and WebGPU's live storages at the
 * start, after a tenth of the steps and at the end, and milliseconds per step. A row whose end
 * exceeds its tenth is marked GROWS and the run exits with status 1.
 */
import { parseArgs } from 'node:util';
import { memory, registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { cnnShapes } from './cnn-shapes.js';
import { mlpMoons } from './mlp-moons.js';
import { SOAK_STYLES, soak, type SoakResult, type SoakSample } from './soak.js';
import { setupWebGPU } from './webgpu.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const { values } = parseArgs({
  args,
  options: {
    steps: { type: 'string', default: '10000' },
    device: { type: 'string', multiple: true, default: ['cpu', 'webgpu'] },
    model: { type: 'string', multiple: true, default: [mlpMoons.name, cnnShapes.name] },
    style: { type: 'string', multiple: true, default: [...SOAK_STYLES] },
  },
});
const steps = Number(values.steps);
const models = [mlpMoons, cnnShapes].filter((e) => values.model.includes(e.name));
const styles = SOAK_STYLES.filter((s) => values.style.includes(s));

// Every storage watched from the first, so the CPU's counts are exact too (no stacks: cheaper).
memory.recordHistory(true, { stacks: false });
registerBackend(cpu());
const devices: string[] = [];
for (const d of values.device) {
  if (d !== 'webgpu') devices.push(d);
  else {
    try {
      await setupWebGPU();
      devices.push(d);
    } catch (e) {
      process.stderr.write(`soak: WebGPU skipped: ${(e as Error).message}\n`);
    }
  }
}

const cell = (s: SoakSample): string =>
  `${s.tensors} / ${(s.bytes / 1024).toFixed(1)} KiB${s.buffers === null ? '' : ` / ${s.buffers} buf`}`;
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

const header = [
  'device',
  'model',
  'style',
  'steps',
  'start',
  'after 1/10',
  'end',
  'cached scalars',
  'ms/step',
  'loss',
  'flat',
];
console.log(
  `soak: ${steps} steps each; alive after a garbage collection: tensors / bytes / (WebGPU) live storages, ` +
    'less the cached scalar operands (at the tenth and at the end, apart)\n',
);
console.log(row(header));
console.log(row(header.map(() => '---')));
let grows = 0;
for (const device of devices) {
  for (const example of models) {
    for (const style of styles) {
      const r: SoakResult = await soak(example, device, style, steps);
      const flat =
        r.end.tensors <= r.middle.tensors &&
        r.end.bytes <= r.middle.bytes &&
        (r.end.buffers ?? 0) <= (r.middle.buffers ?? 0);
      if (!flat) grows++;
      console.log(
        row([
          device,
          example.name,
          style,
          String(r.steps),
          cell(r.start),
          cell(r.middle),
          cell(r.end),
          `${r.middle.cached}, ${r.end.cached}`,
          r.msPerStep.toFixed(2),
          r.loss.toFixed(4),
          flat ? 'yes' : 'GROWS',
        ]),
      );
    }
  }
}
process.exit(grows === 0 ? 0 : 1);
