import { OPS } from './build.js';
import { sizeOf, type FuzzGraph } from './graph.js';
import { nest } from './evaluate.js';
import { show } from './op-spec.js';

/**
 * A graph as the TypeScript that runs it, for a failing case: paste it into a test. Leaves
 * require grad; the checked gradient is that of `(out * weights).sum()`.
 */
export function graphCode(graph: FuzzGraph): string {
  const names = graph.nodes.map((n, i) => (n.kind === 'const' ? (n.dtype === 'bool' ? `m${i}` : `i${i}`) : `t${i}`));
  const lines = graph.nodes.map((node, i) => {
    const name = names[i]!;
    if (node.kind === 'op')
      return `const ${name} = ${OPS[node.op]!.code(
        node.args.map((a) => names[a]!),
        node.params,
      )};`;
    const dtype = node.kind === 'const' ? node.dtype : graph.dtype;
    const grad = node.kind === 'leaf' && dtype !== 'int32' ? ', requiresGrad: true' : '';
    const options = `{ dtype: '${dtype}'${grad} }`;
    if (sizeOf(node.shape) === 0) return `const ${name} = zeros(${show(node.shape)}, ${options});`;
    const values = nest(dtype === 'bool' ? node.values.map((v) => v === 1) : node.values, node.shape);
    return `const ${name} = tensor(${JSON.stringify(values)}, ${options});`;
  });
  const out = names[names.length - 1]!;
  const shape = graph.nodes[graph.nodes.length - 1]!.shape;
  const weights =
    sizeOf(shape) === 0 ? `zeros(${show(shape)})` : `tensor(${JSON.stringify(nest(graph.weights, shape))})`;
  const backward = graph.dtype === 'int32' ? [] : [`${out}.mul(${weights}).sum().backward();`];
  return [...lines, ...backward].join('\n');
}
