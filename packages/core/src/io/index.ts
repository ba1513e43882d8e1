export { save, load, saveFile, loadFile, serialize, deserialize, type SafetensorsEntry } from './safetensors.js';
