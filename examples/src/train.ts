/**
 * `pnpm train <example> [--device cpu|webgpu] [--epochs N] [--save path]`: trains one of the
 * examples with a live progress bar and prints a summary; `--save` writes the weights as
 * safetensors, which PyTorch's `safetensors.torch.load_file` reads.
 */
import { parseArgs } from 'node:util';
import { registerBackend, setDefaultDevice } from '@ag/core';
import { saveFile } from '@ag/core/node';
import { cpu } from '@ag/backend-cpu';
import { examples } from './registry.js';
import { ProgressBar } from './progress.js';
import { train } from './train-loop.js';

// pnpm may forward a literal '--' ahead of the arguments; parseArgs would read all after it as positionals.
const args = process.argv.slice(2).filter((a) => a !== '--');
const { values, positionals } = parseArgs({
  args,
  allowPositionals: true,
  options: {
    device: { type: 'string', default: 'cpu' },
    epochs: { type: 'string' },
    save: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const usage = `usage: pnpm train <example> [--device cpu|webgpu] [--epochs N] [--save path]\nexamples:\n${Object.values(
  examples,
)
  .map((e) => `  ${e.name.padEnd(16)} ${e.description}`)
  .join('\n')}\n`;

const name = positionals[0];
const example = name === undefined ? undefined : examples[name];
if (values.help === true || example === undefined) {
  process.stderr.write(name === undefined || values.help === true ? usage : `unknown example '${name}'\n${usage}`);
  process.exit(values.help === true ? 0 : 2);
}

registerBackend(cpu());
if (values.device === 'webgpu') {
  const { setupWebGPU } = await import('./webgpu.js');
  await setupWebGPU();
} else if (values.device !== 'cpu') {
  process.stderr.write(`unknown device '${values.device}' (use cpu or webgpu)\n`);
  process.exit(2);
}
setDefaultDevice(values.device);

const epochs = values.epochs === undefined ? example.epochs : Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) {
  process.stderr.write(`--epochs must be a positive integer, got '${values.epochs}'\n`);
  process.exit(2);
}

process.stdout.write(
  `${example.name}: ${example.description}\ndevice ${values.device}, ${epochs} epochs, batch ${example.batchSize}\n`,
);
const bar = new ProgressBar(process.stdout);
const started = performance.now();
const result = await train(example, {
  device: values.device,
  epochs,
  onBatch: (epoch, fraction, loss) => {
    bar.update(epoch, epochs, fraction, loss);
  },
  onEpoch: (s) => {
    bar.epochDone(s.epoch, epochs, s.loss, s.accuracy, s.samplesPerSecond);
  },
});
const seconds = (performance.now() - started) / 1000;
const last = result.history.at(-1)!;
const acc = result.test.accuracy === null ? '' : `, held-out accuracy ${(result.test.accuracy * 100).toFixed(1)}%`;
process.stdout.write(
  `done in ${seconds.toFixed(1)} s: final training loss ${last.loss.toFixed(4)}, held-out loss ${result.test.loss.toFixed(4)}${acc}, ` +
    `${Math.round(last.samplesPerSecond).toLocaleString('en-US')} samples/s\n`,
);
if (values.save !== undefined) {
  await saveFile(result.model.stateDict(), values.save, { format: 'pt' });
  process.stdout.write(`weights saved to ${values.save} (safetensors)\n`);
}
