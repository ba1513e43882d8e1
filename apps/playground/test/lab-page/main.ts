// A host for the lab panel alone (seam 5), until the shell's page mounts it.
import { mountLab } from '../../src/lab/mount.ts';
import type { BackendName } from './backends.ts';

const picker = document.querySelector<HTMLSelectElement>('[data-testid="backend"]')!;
picker.value = new URLSearchParams(location.search).get('backend') ?? 'cpu';
mountLab(document.getElementById('lab')!, {
  backend: () => picker.value as BackendName,
  onBackendChange: (cb) => picker.addEventListener('change', () => cb(picker.value as BackendName)),
  readSettings: () => (location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null),
  writeSettings: (s) => history.replaceState(null, '', `#${encodeURIComponent(s)}`),
  openInEditor: (code) => {
    document.getElementById('code')!.textContent = code;
  },
});
