// The browser entry a user's bundler builds: the README's example on the CPU and on WebGPU.
import { ones, registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { isWebGPUAvailable, webgpu } from '@ag/backend-webgpu';

async function gradOn(device) {
  const a = ones([2, 2], { requiresGrad: true, device });
  const out = a.add(2).pow(2).sum();
  out.backward();
  return { out: await out.item(), grad: await a.grad.toArray(), printed: await a.grad.repr() };
}

async function main() {
  registerBackend(cpu());
  const result = { cpu: await gradOn('cpu') };
  if (await isWebGPUAvailable()) {
    registerBackend(await webgpu());
    result.webgpu = await gradOn('webgpu');
  } else {
    result.webgpu = { error: 'no WebGPU adapter' };
  }
  return result;
}

// What the console would print for each device, or the error.
const show = (r) => {
  const lines = Object.entries(r).map(([device, v]) => `${device}:\n${v.printed ?? v.error ?? String(v)}`);
  document.getElementById('out').textContent = lines.join('\n\n');
};
main().then(
  (r) => {
    show(r);
    window.agResult = r;
  },
  (e) => {
    show({ page: { error: String(e && e.stack ? e.stack : e) } });
    window.agResult = { error: String(e) };
  },
);
