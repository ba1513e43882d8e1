import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { fromHost } from './dispatch.js';
import { add, mul } from './elementwise.js';
import { matmul } from './matmul.js';
import { sum, sumTo } from './reduce.js';
import { defineOp } from './op-node.js';
import { expand, permute, reshape, t, unsqueeze } from './view.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * The fixed-rank products (torch.mm, bmm, mv, dot, outer), `linear` and `einsum`. Each checks
 * its ranks and sizes as PyTorch does, then runs on `matmul`, whose node carries PyTorch's
 * grad_fn name for the case (MmBackward0, BmmBackward0, MvBackward0, DotBackward0).
 */

function dims(x: Tensor): string {
  return `${x.ndim}-D tensor of shape ${formatShape(x.shape)}`;
}

/** Matrix product of two 2-D tensors. */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2 || b.ndim !== 2) {
    throw new ShapeError(`mm: expected two 2-D matrices, got a ${dims(a)} and a ${dims(b)}`);
  }
  if (a.shape[1] !== b.shape[0]) {
    throw new ShapeError(
      `mm: mat1 and mat2 shapes cannot be multiplied (${a.shape[0]}x${a.shape[1]} and ${b.shape[0]}x${b.shape[1]})`,
    );
  }
  return matmul(a, b);
}

/** Batched matrix product of two 3-D tensors with the same batch size (no broadcasting). */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3 || b.ndim !== 3) {
    throw new ShapeError(`bmm: expected two 3-D tensors [B, N, M] and [B, M, P], got a ${dims(a)} and a ${dims(b)}`);
  }
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new ShapeError(
      `bmm: expected size for first two dimensions of batch2 tensor to be [${a.shape[0]}, ${a.shape[2]}] but got ` +
        `[${b.shape[0]}, ${b.shape[1]}] (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`,
    );
  }
  return matmul(a, b);
}

/** Matrix-vector product: [N, M] @ [M] -> [N]. */
export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.ndim !== 2 || v.ndim !== 1) {
    throw new ShapeError(`mv: expected a 2-D matrix and a 1-D vector, got a ${dims(a)} and a ${dims(v)}`);
  }
  if (a.shape[1] !== v.shape[0]) {
    throw new ShapeError(`mv: size mismatch, got matrix (${a.shape[0]}x${a.shape[1]}) and vector (${v.shape[0]})`);
  }
  return matmul(a, v);
}

/** Inner product of two 1-D tensors of the same size. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new ShapeError(
      `dot: 1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`,
    );
  }
  if (a.shape[0] !== b.shape[0]) {
    throw new ShapeError(
      `dot: inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, ` +
        `but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
    );
  }
  return matmul(a, b);
}

/** Outer product of two 1-D tensors: out[i][j] = a[i] * b[j] (MulBackward0, as PyTorch). */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new ShapeError(`outer: expected two 1-D vectors, got a ${dims(a)} and a ${dims(b)}`);
  }
  return mul(unsqueeze(a, 1), b);
}

/** y = x W^T + b (torch.nn.functional.linear): x [..., in], W [out, in] (or [in]), b [out]. */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (weight.ndim !== 1 && weight.ndim !== 2) {
    throw new ShapeError(
      `linear: expected weight of shape [out_features, in_features] (2-D) or [in_features] (1-D), got ${formatShape(weight.shape)}`,
    );
  }
  const inFeatures = weight.shape[weight.ndim - 1]!;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inFeatures) {
    throw new ShapeError(
      `linear: expected input with last dimension ${inFeatures} ([..., ${inFeatures}]) to match weight ${formatShape(weight.shape)}, got ${formatShape(x.shape)}`,
    );
  }
  if (
    x.ndim === 2 &&
    weight.ndim === 2 &&
    bias !== undefined &&
    bias !== null &&
    bias.dtype === x.dtype &&
    weight.dtype === x.dtype
  ) {
    return addmm(bias, x, t(weight));
  }
  const y = matmul(x, weight.ndim === 2 ? t(weight) : weight);
  if (bias === undefined || bias === null) return y;
  return add(y, bias);
}

/** bias + a @ b for matrices, as linear's 2-D case (AddmmBackward0, as PyTorch's F.linear). */
function addmm(bias: Tensor, a: Tensor, b: Tensor): Tensor {
  return defineOp('AddmmBackward0', [bias, a, b], () => add(matmul(a, b), bias), [a, b], addmmBackward, bias.shape);
}

function addmmBackward(
  g: Tensor,
  [a, b]: readonly Tensor[],
  biasShape: readonly number[],
  needs: readonly boolean[],
): (Tensor | null)[] {
  return [
    needs[0] === true ? sumTo(g, biasShape) : null,
    needs[1] === true ? matmul(g, t(b!)) : null,
    needs[2] === true ? matmul(t(a!), g) : null,
  ];
}

// ---- einsum ---------------------------------------------------------------------------------

/** An operand with one label per dim (repeated labels already resolved to one). */
interface Term {
  x: Tensor;
  labels: string[];
}

/**
 * torch.einsum over letters: 'ij,jk->ik', 'bij,bjk->bik', 'i,i->', 'ii->i', 'ij->', '...ij,...jk',
 * and the implicit form without '->' (the broadcast '...' dims, then the labels seen once, in
 * alphabetical order). Repeated labels in
 * one operand take the diagonal; labels summed away are reduced as early as possible, and each
 * pair of operands is contracted with one batched matmul.
 */
export function einsum(equation: string, ...tensors: readonly Tensor[]): Tensor {
  const { eq, operands, batchLabels } = expandEllipsis(equation, tensors);
  const arrow = eq.indexOf('->');
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const inputs = lhs.split(',');
  const sizes = new Map<string, number>();
  const counts = new Map<string, number>();
  const terms: Term[] = inputs.map((spec, i) => {
    const x = operands[i]!;
    if (!/^[a-zA-Z]*$/.test(spec))
      throw new ValueError(`einsum: operand subscripts must be letters, got '${spec}' in '${equation}'`);
    if (spec.length !== x.ndim) {
      throw new ShapeError(
        `einsum: the subscripts '${spec}' of operand ${i} name ${spec.length} dims but the operand has shape ${formatShape(x.shape)}`,
      );
    }
    Array.from(spec).forEach((l, d) => {
      const size = x.shape[d]!;
      const known = sizes.get(l);
      if (known !== undefined && known !== size) {
        throw new ShapeError(
          `einsum: subscript '${l}' has size ${size} in operand ${i} (shape ${formatShape(x.shape)}) but ${known} elsewhere`,
        );
      }
      sizes.set(l, size);
      counts.set(l, (counts.get(l) ?? 0) + 1);
    });
    return diagonals({ x, labels: Array.from(spec) });
  });
  let output: string[];
  if (arrow >= 0) {
    output = Array.from(eq.slice(arrow + 2));
    for (const l of output) {
      if (!sizes.has(l))
        throw new ValueError(`einsum: output subscript '${l}' does not appear in the inputs of '${equation}'`);
    }
    if (new Set(output).size !== output.length)
      throw new ValueError(`einsum: output subscripts repeat a letter in '${equation}'`);
  } else {
    output = [
      ...batchLabels,
      ...[...counts.keys()].filter((l) => counts.get(l) === 1 && !batchLabels.includes(l)).sort(),
    ];
  }
  // Contract left to right; a label stays while the output or a later operand needs it.
  let acc = reduceUnneeded(terms[0]!, new Set([...output, ...terms.slice(1).flatMap((s) => s.labels)]));
  for (let i = 1; i < terms.length; i++) {
    const keep = new Set([...output, ...terms.slice(i + 1).flatMap((s) => s.labels)]);
    const other = reduceUnneeded(terms[i]!, new Set([...keep, ...acc.labels]));
    acc = contract(reduceUnneeded(acc, new Set([...keep, ...other.labels])), other, keep);
  }
  acc = reduceUnneeded(acc, new Set(output));
  const perm = output.map((l) => acc.labels.indexOf(l));
  return perm.every((p, i) => p === i) ? acc.x : permute(acc.x, perm);
}

/**
 * Rewrites '...' as letters the equation does not use (right-aligned across operands, as
 * broadcasting aligns dims) and expands each operand's '...' dims to their broadcast sizes.
 */
function expandEllipsis(
  equation: string,
  tensors: readonly Tensor[],
): { eq: string; operands: Tensor[]; batchLabels: string[] } {
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  const specs = (arrow >= 0 ? eq.slice(0, arrow) : eq).split(',');
  if (specs.length !== tensors.length) {
    throw new ValueError(
      `einsum: the equation '${equation}' names ${specs.length} operand(s) but ${tensors.length} tensor(s) were given`,
    );
  }
  if (!eq.includes('.')) return { eq, operands: [...tensors], batchLabels: [] };
  const bad = (why: string, Kind = ShapeError) => new Kind(`einsum: ${why} in '${equation}'`);
  const counts = specs.map((spec, i) => {
    if (spec.split('...').length > 2 || spec.replace('...', '').includes('.'))
      throw bad(`operand ${i} has a malformed ellipsis '${spec}'`, ValueError);
    return spec.includes('...') ? tensors[i]!.ndim - (spec.length - 3) : 0;
  });
  if (counts.some((c) => c < 0)) throw bad('an ellipsis operand has fewer dims than its subscripts');
  const n = Math.max(...counts);
  const pool = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz').filter((c) => !eq.includes(c));
  if (pool.length < n) throw bad(`too many dims under '...' (${n})`);
  const labels = pool.slice(0, n);
  // The broadcast sizes of the '...' dims, right-aligned.
  const sizes = labels.map(() => 1);
  specs.forEach((spec, i) => {
    const at = spec.indexOf('...');
    if (at < 0) return;
    for (let k = 0; k < counts[i]!; k++) {
      const size = tensors[i]!.shape[at + k]!;
      const slot = n - counts[i]! + k;
      if (size !== 1 && sizes[slot] !== 1 && sizes[slot] !== size)
        throw bad(`the '...' dims of the operands do not broadcast (${formatShape(tensors[i]!.shape)})`);
      if (size !== 1) sizes[slot] = size;
    }
  });
  const operands = tensors.map((x, i) => {
    const at = specs[i]!.indexOf('...');
    if (at < 0) return x;
    const c = counts[i]!;
    return expand(x, [...x.shape.slice(0, at), ...sizes.slice(n - c), ...x.shape.slice(at + c)]);
  });
  const rewritten = specs.map((spec, i) => spec.replace('...', labels.slice(n - counts[i]!).join(''))).join(',');
  const out = arrow >= 0 ? `->${eq.slice(arrow + 2).replace('...', labels.join(''))}` : '';
  return { eq: rewritten + out, operands, batchLabels: labels };
}

/** Resolves a label repeated within one operand ('ii') to the diagonal, by masking with the identity. */
function diagonals(term: Term): Term {
  let { x, labels } = term;
  for (;;) {
    const first = labels.findIndex((l, i) => labels.indexOf(l) !== i);
    if (first < 0) return { x, labels };
    const d1 = first;
    const d0 = labels.indexOf(labels[d1]!);
    const n = x.shape[d0]!;
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    const shape = x.shape.map((s, i) => (i === d0 || i === d1 ? s : 1));
    const mask = fromHost(x.backend, eye, shape, x.dtype === 'bool' ? 'int32' : x.dtype);
    x = sum(mul(x, mask), d1);
    labels = labels.filter((_, i) => i !== d1);
  }
}

/** Sums away the dims whose labels are not in `keep`. */
function reduceUnneeded(term: Term, keep: ReadonlySet<string>): Term {
  const drop = term.labels.flatMap((l, i) => (keep.has(l) ? [] : [i]));
  if (drop.length === 0) return term;
  return { x: sum(term.x, drop), labels: term.labels.filter((l) => keep.has(l)) };
}

/**
 * Multiplies two terms, summing the labels they share that `keep` lacks: a batched matmul of
 * [batch, left, shared] by [batch, shared, right], with `batch` the shared labels kept.
 */
function contract(a: Term, b: Term, keep: ReadonlySet<string>): Term {
  const inB = new Set(b.labels);
  const inA = new Set(a.labels);
  const batch = a.labels.filter((l) => inB.has(l) && keep.has(l));
  const summed = a.labels.filter((l) => inB.has(l) && !keep.has(l));
  const left = a.labels.filter((l) => !inB.has(l));
  const right = b.labels.filter((l) => !inA.has(l));
  const size = (x: Tensor, labels: string[], ls: string[]) => ls.reduce((n, l) => n * x.shape[labels.indexOf(l)]!, 1);
  const order = (x: Tensor, labels: string[], ls: string[]) => {
    const perm = ls.map((l) => labels.indexOf(l));
    return perm.every((p, i) => p === i) ? x : permute(x, perm);
  };
  const B = size(a.x, a.labels, batch);
  const M = size(a.x, a.labels, left);
  const K = size(a.x, a.labels, summed);
  const N = size(b.x, b.labels, right);
  const A3 = reshape(order(a.x, a.labels, [...batch, ...left, ...summed]), [B, M, K]);
  const B3 = reshape(order(b.x, b.labels, [...batch, ...summed, ...right]), [B, K, N]);
  const shape = [...batch, ...left]
    .map((l) => a.x.shape[a.labels.indexOf(l)]!)
    .concat(right.map((l) => b.x.shape[b.labels.indexOf(l)]!));
  return { x: reshape(matmul(A3, B3), shape), labels: [...batch, ...left, ...right] };
}
