export {
  save,
  load,
  saveFile,
  loadFile,
  serialize,
  deserialize,
  type SafetensorsEntry,
  type SerializeOptions,
} from './safetensors.js';
