import { isTensor, nn, type Tensor } from '@ag/core';

/**
 * Names for the tensors a graph shows, from the notebook's variables: `a`, `out`, and each
 * module's parameters as `model.0.weight` (what torchviz's `params=dict(model.named_parameters())`
 * gives it). The first variable holding a tensor names it.
 */
export function tensorNames(variables: Readonly<Record<string, unknown>>): Map<Tensor, string> {
  const names = new Map<Tensor, string>();
  const add = (t: Tensor, name: string): void => {
    if (!names.has(t)) names.set(t, name);
  };
  for (const [name, value] of Object.entries(variables)) {
    if (isTensor(value)) add(value, name);
    else if (value instanceof nn.Module) for (const [p, t] of value.namedParameters()) add(t, `${name}.${p}`);
  }
  return names;
}
