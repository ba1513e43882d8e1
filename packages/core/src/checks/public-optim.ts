import * as raw from '../optim/index.js';
import { checkedClass } from './checked.js';
import { CLASSES } from './signatures.js';

/** The `optim` namespace of @ag/core: optim/index.ts, its optimizers behind their lines of signatures.ts. */
export * from '../optim/index.js';

export const SGD = checkedClass('optim.SGD', CLASSES.SGD, raw.SGD);
export type SGD = raw.SGD;
export const Adam = checkedClass('optim.Adam', CLASSES.Adam, raw.Adam);
export type Adam = raw.Adam;
export const AdamW = checkedClass('optim.AdamW', CLASSES.AdamW, raw.AdamW);
export type AdamW = raw.AdamW;
export const RMSprop = checkedClass('optim.RMSprop', CLASSES.RMSprop, raw.RMSprop);
export type RMSprop = raw.RMSprop;
export const Adagrad = checkedClass('optim.Adagrad', CLASSES.Adagrad, raw.Adagrad);
export type Adagrad = raw.Adagrad;
export const NAdam = checkedClass('optim.NAdam', CLASSES.NAdam, raw.NAdam);
export type NAdam = raw.NAdam;
export const RAdam = checkedClass('optim.RAdam', CLASSES.RAdam, raw.RAdam);
export type RAdam = raw.RAdam;
export const Adamax = checkedClass('optim.Adamax', CLASSES.Adamax, raw.Adamax);
export type Adamax = raw.Adamax;
export const Adadelta = checkedClass('optim.Adadelta', CLASSES.Adadelta, raw.Adadelta);
export type Adadelta = raw.Adadelta;
export const ASGD = checkedClass('optim.ASGD', CLASSES.ASGD, raw.ASGD);
export type ASGD = raw.ASGD;
export const LBFGS = checkedClass('optim.LBFGS', CLASSES.LBFGS, raw.LBFGS);
export type LBFGS = raw.LBFGS;
export const CyclicLR = checkedClass('optim.CyclicLR', CLASSES.CyclicLR, raw.CyclicLR);
export type CyclicLR = raw.CyclicLR;
export const ReduceLROnPlateau = checkedClass(
  'optim.ReduceLROnPlateau',
  CLASSES.ReduceLROnPlateau,
  raw.ReduceLROnPlateau,
);
export type ReduceLROnPlateau = raw.ReduceLROnPlateau;
