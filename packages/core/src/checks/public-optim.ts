import * as raw from '../optim/index.js';
import { classChecker } from './checked.js';
import { CLASSES } from './signatures.js';

/** The `optim` namespace of @ag/core: optim/index.ts, its optimizers behind their lines of signatures.ts. */
export * from '../optim/index.js';

const checked = classChecker('optim', CLASSES, raw);

export const SGD = checked('SGD');
export type SGD = raw.SGD;
export const Adam = checked('Adam');
export type Adam = raw.Adam;
export const AdamW = checked('AdamW');
export type AdamW = raw.AdamW;
export const RMSprop = checked('RMSprop');
export type RMSprop = raw.RMSprop;
export const Adagrad = checked('Adagrad');
export type Adagrad = raw.Adagrad;
export const NAdam = checked('NAdam');
export type NAdam = raw.NAdam;
export const RAdam = checked('RAdam');
export type RAdam = raw.RAdam;
export const Adamax = checked('Adamax');
export type Adamax = raw.Adamax;
export const Adadelta = checked('Adadelta');
export type Adadelta = raw.Adadelta;
export const ASGD = checked('ASGD');
export type ASGD = raw.ASGD;
export const LBFGS = checked('LBFGS');
export type LBFGS = raw.LBFGS;
export const CyclicLR = checked('CyclicLR');
export type CyclicLR = raw.CyclicLR;
export const ReduceLROnPlateau = checked('ReduceLROnPlateau');
export type ReduceLROnPlateau = raw.ReduceLROnPlateau;
