import { typeName } from './state-dict.js';
import { ArgumentError, ValueError } from '../errors.js';

/** The names of a module's members and the dotted paths to its descendants' ('net.0.weight'). */

/** PyTorch's checks of a name given to register a parameter, buffer or module. */
export function checkName(op: string, kind: string, name: unknown): void {
  if (typeof name !== 'string')
    throw new ArgumentError(`${op}: ${kind} name should be a string. Got ${typeName(name)}`);
  if (name.includes('.')) throw new ValueError(`${op}: ${kind} name can't contain ".", got: ${name}`);
  if (name === '') throw new ValueError(`${op}: ${kind} name can't be empty string ""`);
}

/** 'a.b.c' as ['a.b', 'c']; 'c' as ['', 'c']. */
export function splitTarget(target: string): [string, string] {
  const i = target.lastIndexOf('.');
  return i < 0 ? ['', target] : [target.slice(0, i), target.slice(i + 1)];
}

/** `name` under the dotted path `prefix` ('' is the module itself). */
export function joinName(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/**
 * The error of a lookup (`op`) of `name` in `module` on the way to `target` that found no
 * `kind` there: PyTorch tells an attribute of another kind from no attribute at all.
 */
export function notAMember(op: string, module: object, name: string, kind: string, target: string): ValueError {
  return new ValueError(
    name in module
      ? `${op}: \`${name}\` is not a ${kind} (in '${target}')`
      : `${op}: ${module.constructor.name} has no attribute \`${name}\` (in '${target}')`,
  );
}
