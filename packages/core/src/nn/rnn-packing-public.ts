/** torch.nn.utils.rnn: the `nn.utils.rnn` namespace. */
export {
  PackedSequence,
  padSequence,
  packPaddedSequence,
  padPackedSequence,
  packSequence,
  unpadSequence,
  unpackSequence,
  type PackOptions,
  type PadPackedOptions,
  type PadSequenceOptions,
} from './rnn-packing.js';
