export { clipGradNorm_, clipGradValue_ } from '../optim/clip-grad.js';
export * as rnn from './rnn-packing-public.js';
