import * as raw from '../nn/index.js';
import { checkedClass } from './checked.js';
import { CLASSES } from './signatures.js';

export * as utils from './public-nn-utils.js';

/** The `nn` namespace of @ag/core: nn/index.ts, its option-taking layers behind their lines of signatures.ts. */
export * from '../nn/index.js';

export const Linear = checkedClass('nn.Linear', CLASSES.Linear, raw.Linear);
export type Linear = raw.Linear;
export const Conv1d = checkedClass('nn.Conv1d', CLASSES.Conv1d, raw.Conv1d);
export type Conv1d = raw.Conv1d;
export const Conv2d = checkedClass('nn.Conv2d', CLASSES.Conv2d, raw.Conv2d);
export type Conv2d = raw.Conv2d;
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
export const RNNCell = checkedClass('nn.RNNCell', CLASSES.RNNCell, raw.RNNCell);
export type RNNCell = raw.RNNCell;
export const LSTMCell = checkedClass('nn.LSTMCell', CLASSES.LSTMCell, raw.LSTMCell);
export type LSTMCell = raw.LSTMCell;
export const GRUCell = checkedClass('nn.GRUCell', CLASSES.GRUCell, raw.GRUCell);
export type GRUCell = raw.GRUCell;
export const RNN = checkedClass('nn.RNN', CLASSES.RNN, raw.RNN);
export type RNN = raw.RNN;
export const LSTM = checkedClass('nn.LSTM', CLASSES.LSTM, raw.LSTM);
export type LSTM = raw.LSTM;
export const GRU = checkedClass('nn.GRU', CLASSES.GRU, raw.GRU);
export type GRU = raw.GRU;
export const KLDivLoss = checkedClass('nn.KLDivLoss', CLASSES.KLDivLoss, raw.KLDivLoss);
export type KLDivLoss = raw.KLDivLoss;
export const PoissonNLLLoss = checkedClass('nn.PoissonNLLLoss', CLASSES.PoissonNLLLoss, raw.PoissonNLLLoss);
export type PoissonNLLLoss = raw.PoissonNLLLoss;
export const GaussianNLLLoss = checkedClass('nn.GaussianNLLLoss', CLASSES.GaussianNLLLoss, raw.GaussianNLLLoss);
export type GaussianNLLLoss = raw.GaussianNLLLoss;
export const CosineEmbeddingLoss = checkedClass(
  'nn.CosineEmbeddingLoss',
  CLASSES.CosineEmbeddingLoss,
  raw.CosineEmbeddingLoss,
);
export type CosineEmbeddingLoss = raw.CosineEmbeddingLoss;
export const MarginRankingLoss = checkedClass('nn.MarginRankingLoss', CLASSES.MarginRankingLoss, raw.MarginRankingLoss);
export type MarginRankingLoss = raw.MarginRankingLoss;
export const HingeEmbeddingLoss = checkedClass(
  'nn.HingeEmbeddingLoss',
  CLASSES.HingeEmbeddingLoss,
  raw.HingeEmbeddingLoss,
);
export type HingeEmbeddingLoss = raw.HingeEmbeddingLoss;
export const TripletMarginLoss = checkedClass('nn.TripletMarginLoss', CLASSES.TripletMarginLoss, raw.TripletMarginLoss);
export type TripletMarginLoss = raw.TripletMarginLoss;
export const MultiMarginLoss = checkedClass('nn.MultiMarginLoss', CLASSES.MultiMarginLoss, raw.MultiMarginLoss);
export type MultiMarginLoss = raw.MultiMarginLoss;
export const MultiLabelSoftMarginLoss = checkedClass(
  'nn.MultiLabelSoftMarginLoss',
  CLASSES.MultiLabelSoftMarginLoss,
  raw.MultiLabelSoftMarginLoss,
);
export type MultiLabelSoftMarginLoss = raw.MultiLabelSoftMarginLoss;
export const CTCLoss = checkedClass('nn.CTCLoss', CLASSES.CTCLoss, raw.CTCLoss);
export type CTCLoss = raw.CTCLoss;
export const PairwiseDistance = checkedClass('nn.PairwiseDistance', CLASSES.PairwiseDistance, raw.PairwiseDistance);
export type PairwiseDistance = raw.PairwiseDistance;
