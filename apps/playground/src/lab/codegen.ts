import { blobStd, classesOf, splitSizes, type LabSettings } from './settings.js';

/**
 * "Show code": the TypeScript program that trains what the lab trains, written from the
 * settings. It makes the same calls as src/lab/build.ts and src/lab/trainer.ts in the same
 * order (seed, data, split, weights, then one DataLoader shuffle per epoch), so running it for
 * the lab's step count retraces the lab's run. It runs in the playground's editor as is
 * (`print` is the editor's); a Node test strips its types and runs it on the CPU backend.
 */

const DATA_CALLS: Record<LabSettings['dataset'], (s: LabSettings) => string> = {
  moons: (s) => `data.makeMoons(${s.size}, { noise: ${s.noise} })`,
  circles: (s) => `data.makeCircles(${s.size}, { noise: ${s.noise}, factor: 0.5 })`,
  spirals: (s) => `data.makeSpirals(${s.size}, { noise: ${s.noise}, classes: ${classesOf('spirals')} })`,
  xor: (s) => `data.makeXor(${s.size}, { noise: ${s.noise} })`,
  blobs: (s) => `data.makeBlobs(${s.size}, { centers: ${classesOf('blobs')}, std: ${blobStd(s.noise)} })`,
};

const ACTIVATION_LAYERS: Record<LabSettings['activation'], string> = {
  relu: 'new nn.ReLU()',
  tanh: 'new nn.Tanh()',
  sigmoid: 'new nn.Sigmoid()',
  gelu: 'new nn.GELU()',
  silu: 'new nn.SiLU()',
  leakyRelu: 'new nn.LeakyReLU(0.01)',
  elu: 'new nn.ELU()',
};

function optimizerCall(s: LabSettings): string {
  const decay = s.regularization === 'l2' ? `, weightDecay: ${s.regRate}` : '';
  // AdamW decays by 0.01 unless told otherwise; the lab's AdamW decays only with L2 chosen.
  const adamwDecay = s.regularization === 'l2' ? decay : ', weightDecay: 0';
  const calls: Record<LabSettings['optimizer'], string> = {
    sgd: `new optim.SGD(model.parameters(), { lr: ${s.lr}${decay} })`,
    momentum: `new optim.SGD(model.parameters(), { lr: ${s.lr}, momentum: 0.9${decay} })`,
    adam: `new optim.Adam(model.parameters(), { lr: ${s.lr}${decay} })`,
    adamw: `new optim.AdamW(model.parameters(), { lr: ${s.lr}${adamwDecay} })`,
    rmsprop: `new optim.RMSprop(model.parameters(), { lr: ${s.lr}${decay} })`,
    adagrad: `new optim.Adagrad(model.parameters(), { lr: ${s.lr}${decay} })`,
  };
  return calls[s.optimizer];
}

function layerLines(s: LabSettings): string[] {
  const widths = [2, ...s.hidden, classesOf(s.dataset)];
  const lines: string[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    lines.push(`  new nn.Linear(${widths[i]}, ${widths[i + 1]}),`);
    if (i + 2 < widths.length) lines.push(`  ${ACTIVATION_LAYERS[s.activation]},`);
  }
  return lines;
}

/** How often the program prints its loss: about ten lines over the run. */
function printEvery(steps: number): number {
  return Math.max(1, Math.round(steps / 10));
}

/** The program for `steps` optimizer steps with these settings. */
export function generateCode(s: LabSettings, steps: number): string {
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`generateCode: steps must be a positive integer, got ${steps}`);
  const { train, test } = splitSizes(s);
  const l1 = s.regularization === 'l1' && s.regRate !== 0;
  const arch = [2, ...s.hidden, classesOf(s.dataset)].join('-');
  return [
    `// The training lab's run as code: ${s.dataset}, a ${arch} network (${s.activation}), ${s.optimizer} (lr ${s.lr}),`,
    `// batches of ${s.batchSize}, ${steps} steps. The same seed gives the same data, weights and batches as the lab.`,
    `import { data, manualSeed, nn, noGrad, optim } from '@ag/core';`,
    `import type { Tensor } from '@ag/core';`,
    ``,
    `manualSeed(${s.seed});`,
    `const { x, y } = ${DATA_CALLS[s.dataset](s)}; // shuffled points and their classes`,
    `const xTrain = x.narrow(0, 0, ${train});`,
    `const yTrain = y.narrow(0, 0, ${train});`,
    `const xTest = x.narrow(0, ${train}, ${test});`,
    `const yTest = y.narrow(0, ${train}, ${test});`,
    ``,
    `const model = new nn.Sequential(`,
    ...layerLines(s),
    `);`,
    `const optimizer = ${optimizerCall(s)};`,
    `const lossFn = new nn.CrossEntropyLoss();`,
    `const loader = new data.DataLoader(new data.TensorDataset(xTrain, yTrain), { batchSize: ${s.batchSize}, shuffle: true });`,
    ...(l1
      ? [
          ``,
          `// L1 regularisation: ${s.regRate} times the sum of |w| over the layers' weights (not the biases)`,
          `const weights = model.parameters().filter((p) => p.dim() === 2);`,
          `const l1 = () => weights.map((w) => w.abs().sum()).reduce((a, b) => a.add(b)).mul(${s.regRate});`,
        ]
      : []),
    ``,
    `async function accuracy(xs: Tensor, ys: Tensor): Promise<number> {`,
    `  const correct = noGrad(() => (model(xs) as Tensor).argmax(1).eq(ys).sum());`,
    `  return (await correct.item()) / ys.shape[0]!;`,
    `}`,
    ``,
    `const steps = ${steps};`,
    `let step = 0;`,
    `while (step < steps) {`,
    `  for (const [xb, yb] of loader) {`,
    `    optimizer.zeroGrad();`,
    `    const loss = lossFn(model(xb!) as Tensor, yb!)${l1 ? '.add(l1())' : ''};`,
    `    loss.backward();`,
    `    optimizer.step();`,
    `    step++;`,
    `    if (step % ${printEvery(steps)} === 0) print(\`step \${step}: loss \${(await loss.item()).toFixed(4)}\`);`,
    `    if (step === steps) break;`,
    `  }`,
    `}`,
    `print(\`train accuracy \${(await accuracy(xTrain, yTrain)).toFixed(3)}, test accuracy \${(await accuracy(xTest, yTest)).toFixed(3)}\`);`,
    ``,
  ].join('\n');
}
