import * as raw from '../nn/index.js';
import { checkedClass } from './checked.js';
import { CLASSES } from './signatures.js';

/** The `nn` namespace of @ag/core: nn/index.ts, its option-taking layers behind their lines of signatures.ts. */
export * from '../nn/index.js';

export const Linear = checkedClass('nn.Linear', CLASSES.Linear, raw.Linear);
export type Linear = raw.Linear;
export const Conv1d = checkedClass('nn.Conv1d', CLASSES.Conv1d, raw.Conv1d);
export type Conv1d = raw.Conv1d;
export const Conv2d = checkedClass('nn.Conv2d', CLASSES.Conv2d, raw.Conv2d);
export type Conv2d = raw.Conv2d;
export const Conv3d = checkedClass('nn.Conv3d', CLASSES.Conv3d, raw.Conv3d);
export type Conv3d = raw.Conv3d;
export const ConvTranspose1d = checkedClass('nn.ConvTranspose1d', CLASSES.ConvTranspose1d, raw.ConvTranspose1d);
export type ConvTranspose1d = raw.ConvTranspose1d;
export const ConvTranspose2d = checkedClass('nn.ConvTranspose2d', CLASSES.ConvTranspose2d, raw.ConvTranspose2d);
export type ConvTranspose2d = raw.ConvTranspose2d;
export const Embedding = checkedClass('nn.Embedding', CLASSES.Embedding, raw.Embedding);
export type Embedding = raw.Embedding;
export const MaxPool2d = checkedClass('nn.MaxPool2d', CLASSES.MaxPool2d, raw.MaxPool2d);
export type MaxPool2d = raw.MaxPool2d;
export const AvgPool2d = checkedClass('nn.AvgPool2d', CLASSES.AvgPool2d, raw.AvgPool2d);
export type AvgPool2d = raw.AvgPool2d;
export const BatchNorm1d = checkedClass('nn.BatchNorm1d', CLASSES.BatchNorm1d, raw.BatchNorm1d);
export type BatchNorm1d = raw.BatchNorm1d;
export const BatchNorm2d = checkedClass('nn.BatchNorm2d', CLASSES.BatchNorm2d, raw.BatchNorm2d);
export type BatchNorm2d = raw.BatchNorm2d;
export const LayerNorm = checkedClass('nn.LayerNorm', CLASSES.LayerNorm, raw.LayerNorm);
export type LayerNorm = raw.LayerNorm;
export const GroupNorm = checkedClass('nn.GroupNorm', CLASSES.GroupNorm, raw.GroupNorm);
export type GroupNorm = raw.GroupNorm;
export const Upsample = checkedClass('nn.Upsample', CLASSES.Upsample, raw.Upsample);
export type Upsample = raw.Upsample;
export const PReLU = checkedClass('nn.PReLU', CLASSES.PReLU, raw.PReLU);
export type PReLU = raw.PReLU;
export const MultiheadAttention = checkedClass(
  'nn.MultiheadAttention',
  CLASSES.MultiheadAttention,
  raw.MultiheadAttention,
);
export type MultiheadAttention = raw.MultiheadAttention;
export const TransformerEncoderLayer = checkedClass(
  'nn.TransformerEncoderLayer',
  CLASSES.TransformerEncoderLayer,
  raw.TransformerEncoderLayer,
);
export type TransformerEncoderLayer = raw.TransformerEncoderLayer;
export const CrossEntropyLoss = checkedClass('nn.CrossEntropyLoss', CLASSES.CrossEntropyLoss, raw.CrossEntropyLoss);
export type CrossEntropyLoss = raw.CrossEntropyLoss;
export const NLLLoss = checkedClass('nn.NLLLoss', CLASSES.NLLLoss, raw.NLLLoss);
export type NLLLoss = raw.NLLLoss;
export const BCELoss = checkedClass('nn.BCELoss', CLASSES.BCELoss, raw.BCELoss);
export type BCELoss = raw.BCELoss;
export const BCEWithLogitsLoss = checkedClass('nn.BCEWithLogitsLoss', CLASSES.BCEWithLogitsLoss, raw.BCEWithLogitsLoss);
export type BCEWithLogitsLoss = raw.BCEWithLogitsLoss;
export const SmoothL1Loss = checkedClass('nn.SmoothL1Loss', CLASSES.SmoothL1Loss, raw.SmoothL1Loss);
export type SmoothL1Loss = raw.SmoothL1Loss;
export const HuberLoss = checkedClass('nn.HuberLoss', CLASSES.HuberLoss, raw.HuberLoss);
export type HuberLoss = raw.HuberLoss;
