/** The onnx namespace of @ag/core: export a model as ONNX bytes (torch.onnx.export). */
export { exportModel as export, type ExportOptions } from './export.js';
