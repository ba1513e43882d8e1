import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create([]);
globalThis.keep = gpu;
const adapter = await gpu.requestAdapter();
const device = await adapter.requestDevice();
device.lost.then((i) => console.log('LOST', i.reason, JSON.stringify(i.message), performance.now()));
const step = process.argv[2];
const b = device.createBuffer({ size: 1024, usage: 1 | 8 });
const src = device.createBuffer({ size: 1024, usage: 128|4|8 });
const enc = device.createCommandEncoder(); enc.copyBufferToBuffer(src, 0, b, 0, 1024); device.queue.submit([enc.finish()]);
const p = b.mapAsync(1);
console.log('destroy at', performance.now());
device.destroy();
p.then(() => console.log('map resolved', performance.now()), (e) => console.log('map rejected', e.name, e.message, performance.now()));
if (step >= 1) { device.createBuffer({ size: 16, usage: 1 | 8 }); console.log('created after'); }
if (step >= 2) { device.createBuffer({ size: 16, usage: 1 | 8 }).mapAsync(1).then(()=>console.log('map2 ok'), (e) => console.log('map2 rej', e.name, e.message)); }
if (step >= 3) { device.pushErrorScope('validation'); device.popErrorScope().then((e) => console.log('pop after lost', e), (e) => console.log('pop rej', e.name, e.message)); }
if (step >= 4) { const e2 = device.createCommandEncoder(); e2.copyBufferToBuffer(src, 0, src, 512, 16); device.queue.submit([e2.finish()]); device.queue.writeBuffer(src, 0, new Float32Array(4)); console.log('submitted after'); }
setTimeout(() => { console.log('done'); }, 300);
