export { save, load, serialize, deserialize, type SafetensorsEntry, type SerializeOptions } from './safetensors.js';
