import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import * as ops from '../src/ops/index.js';
import { Tensor } from '../src/index.js';

/** Exports of ops/ that are helpers shared by ops, never part of the public API. */
const HELPERS = new Set([
  'alongDim',
  'asStridedGradFn',
  'assignAlong',
  'bernoulliSamples',
  'binary',
  'broadcastView',
  'chainProduct',
  'checkGradAssignable',
  'checkIndexShape',
  'checkIndexValues',
  'compare',
  'copyFrom',
  'crossAlong',
  'cpu',
  'divRounded',
  'exponentialSamples',
  'fillValue',
  'gatherOp',
  'gatherStrided',
  'generatorOf',
  'growTo',
  'integerSamples',
  'isDType',
  'layoutView',
  'matrixTranspose',
  'normBackward',
  'normalSamples',
  'placeAlong',
  'reduceKernel',
  'reduction',
  'reverseDims',
  'scatterAddOp',
  'scatterStrided',
  'selectAlong',
  'selected',
  'shapeArgs',
  'sortKernel',
  'sumTo',
  'unary',
  'uniformSamples',
  'withZeroGradient',
]);

describe('the public API (@ag/core)', () => {
  it('exports every op of ops/, and none of the helpers ops share', () => {
    const exported = new Set(Object.keys(core));
    const unclassified = Object.keys(ops).filter((name) => !exported.has(name) && !HELPERS.has(name));
    expect(unclassified, 'ops/public.ts exports these, or HELPERS lists them').toEqual([]);
    expect([...HELPERS].filter((name) => exported.has(name))).toEqual([]);
  });

  it('exports no shape or view helper but the layout arithmetic backends use', () => {
    for (const name of [
      'normalizeDim',
      'normalizeDims',
      'inferShape',
      'viewStrides',
      'shapesEqual',
      'formatShape',
      'broadcastShapes',
    ]) {
      expect(core).not.toHaveProperty(name);
    }
    for (const name of ['numel', 'contiguousStrides', 'isContiguous']) expect(core).toHaveProperty(name);
  });

  it('gives tensors their op methods as ordinary prototype methods', () => {
    const proto = Tensor.prototype as unknown as Record<string, unknown>;
    for (const name of [
      'add',
      'mul',
      'sum',
      'max',
      'view',
      'flip',
      'where',
      'add_',
      'fill_',
      'float',
      'relu',
      'matmul',
    ]) {
      expect(typeof proto[name], name).toBe('function');
      expect(Object.getOwnPropertyDescriptor(proto, name)!.enumerable, name).toBe(false);
    }
  });
});
