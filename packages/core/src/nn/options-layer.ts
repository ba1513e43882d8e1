import { Module } from './module.js';

/** A layer whose only state is the options object its forward hands to its function. */
export abstract class OptionsLayer<O extends object> extends Module {
  // Every field of O is optional, so {} is each subclass's default, as PyTorch's keyword defaults.
  constructor(readonly options: O = {} as O) {
    super();
  }
}
