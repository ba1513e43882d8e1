import { saveOnCpu as rawSaveOnCpu } from '../autograd/save-on-cpu.js';
import * as hooks from '../autograd/saved-hooks.js';
import { checked } from './checked.js';
import { GRAPH } from './signatures.js';

/** torch.autograd.graph as `autograd.graph`: hooks on the tensors saved for backward. */
export type { SaveOnCpuOptions } from '../autograd/save-on-cpu.js';

/** Runs `fn` with every tensor saved for backward packed and unpacked by the hooks (saved_tensors_hooks). */
export const savedTensorsHooks = checked('graph.savedTensorsHooks', GRAPH.savedTensorsHooks, hooks.savedTensorsHooks);

/** Runs `fn` where opening saved-tensor hooks throws `errorMessage` (disable_saved_tensors_hooks). */
export const disableSavedTensorsHooks = checked(
  'graph.disableSavedTensorsHooks',
  GRAPH.disableSavedTensorsHooks,
  hooks.disableSavedTensorsHooks,
);

/** Runs `fn` with the tensors saved for backward kept on the 'cpu' device (save_on_cpu). */
export const saveOnCpu = checked('graph.saveOnCpu', GRAPH.saveOnCpu, rawSaveOnCpu);
