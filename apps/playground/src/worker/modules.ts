import * as backendCpu from '@ag/backend-cpu';
import * as backendWebgpu from '@ag/backend-webgpu';
import * as core from '@ag/core';

/** The modules user code may import, by specifier: the same ones the page runs on. */
export const modules: Readonly<Record<string, object>> = {
  '@ag/core': core,
  '@ag/backend-cpu': backendCpu,
  '@ag/backend-webgpu': backendWebgpu,
};

const known = Object.keys(modules)
  .map((m) => `'${m}'`)
  .join(', ');

/** What `import { name } from spec` binds (the namespace without a name); a clear error otherwise. */
export function importName(spec: string, name?: string): unknown {
  const mod = modules[spec];
  if (mod === undefined) throw new Error(`import: the playground has no module '${spec}' (it has ${known})`);
  if (name === undefined) return mod;
  if (!(name in mod)) throw new Error(`import: '${spec}' has no export named '${name}'`);
  return (mod as Record<string, unknown>)[name];
}

/**
 * The names the editor completes: each module's exports and a Tensor's methods and properties
 * (its prototype chain's, and an actual tensor's own fields such as shape and dtype). Needs a
 * registered backend, to make that tensor.
 */
export function completionNames(): { modules: Record<string, string[]>; tensor: string[] } {
  const out: Record<string, string[]> = {};
  for (const [spec, mod] of Object.entries(modules)) out[spec] = Object.keys(mod).sort();
  const tensor = new Set<string>();
  const sample = core.zeros([1]);
  for (const name of Object.keys(sample)) if (!name.startsWith('_')) tensor.add(name);
  sample.dispose();
  for (
    let p: object | null = core.Tensor.prototype;
    p !== null && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(p))
      if (name !== 'constructor' && !name.startsWith('_')) tensor.add(name);
  }
  return { modules: out, tensor: [...tensor].sort() };
}
