/**
 * @ag/core/node: what only Node can do (files). Kept out of the main entry so that a browser
 * bundle of @ag/core never meets a `node:` import.
 */
export { saveFile, loadFile } from './checks/public-node.js';
export * as onnx from './onnx/node-index.js';
