import type { onnx } from '@ag/core';

/** The onnx namespace of @ag/core/node: `onnx.export(model, args, f)` writes the file, as PyTorch's does. */
export { exportToFile as export } from './node.js';
export type ExportOptions = onnx.ExportOptions;
