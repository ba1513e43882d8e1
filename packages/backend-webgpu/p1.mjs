import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create([]); globalThis.keep = gpu;
const adapter = await gpu.requestAdapter();
console.log('limits', adapter.limits.maxBufferSize, adapter.limits.maxStorageBufferBindingSize);
const device = await adapter.requestDevice({requiredLimits:{maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize}});
console.log('has onuncapturederror', 'onuncapturederror' in device, typeof device.addEventListener);
device.addEventListener?.('uncapturederror', (e) => console.log('UNCAPTURED', e.error.constructor.name, e.error.message));
device.lost.then((i) => console.log('LOST', i.reason, JSON.stringify(i.message), performance.now()));
// uncaptured error
device.createBuffer({ size: 2 ** 40, usage: 128, label: 'ag:big' });
let t0 = performance.now();
for (let i = 0; i < 10000; i++) { device.pushErrorScope('validation'); device.popErrorScope(); }
console.log('push/pop us', (performance.now() - t0) / 10000 * 1000);
const b = device.createBuffer({ size: 1024, usage: 1 | 8 });
const src = device.createBuffer({ size: 1024, usage: 128|4|8 });
const enc = device.createCommandEncoder(); enc.copyBufferToBuffer(src, 0, b, 0, 1024); device.queue.submit([enc.finish()]);
const p = b.mapAsync(1);
const t1 = performance.now();
device.destroy();
console.log('destroyed', t1);
p.then(() => console.log('map resolved', performance.now()), (e) => console.log('map rejected', e.name, e.message, performance.now()));
device.pushErrorScope('validation');
device.createBuffer({ size: 16, usage: 1 | 8 }).mapAsync(1).then(()=>console.log('map2 ok'), (e) => console.log('map2 rej', e.name, e.message));
device.popErrorScope().then((e) => console.log('pop after lost', e), (e) => console.log('pop rej', e.name, e.message));
setTimeout(() => { console.log('done'); }, 500);
