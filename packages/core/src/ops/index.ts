export * from './creation.js';
export * from './convert.js';
export * from './elementwise.js';
export * from './matmul.js';
export * from './reduce.js';
export * from './view.js';
export { normalizeDim } from '../shape.js';
