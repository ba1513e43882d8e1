import { agContender } from '../src/peers/ag.js';
import { median } from '../src/measure.js';
const device = (process.argv[2] ?? 'cpu') as 'cpu' | 'webgpu';
const c = agContender(device);
const why = await c.setup();
if (why) throw new Error(why);
const p = await c.chain!();
if ('na' in p) throw new Error(p.na);
for (let i = 0; i < 5; i++) await p.run();
const ms: number[] = [];
for (let i = 0; i < Number(process.argv[3] ?? 40); i++) {
  const s = performance.now();
  await p.run();
  ms.push(performance.now() - s);
}
console.log(`${device} chain 10k ops: median ${median(ms).toFixed(2)} ms (${(median(ms) * 100).toFixed(1)} ns/op), min ${Math.min(...ms).toFixed(2)}, n=${ms.length}, load ${(await import('node:os')).loadavg()[0]!.toFixed(2)}`);
process.exit(0);
