import * as raw from '../nn/index.js';
import { checkedClass } from './checked.js';
import { CLASSES } from './signatures.js';

export * as utils from './public-nn-utils.js';

/** The `nn` namespace of @ag/core: nn/index.ts, its option-taking layers behind their lines of signatures.ts. */
export * from '../nn/index.js';

type Checked = keyof typeof CLASSES & keyof typeof raw;

/** raw.name behind the check of CLASSES.name, reported as `nn.name`. */
function checked<K extends Checked>(name: K): (typeof raw)[K] {
  return checkedClass(`nn.${name}`, CLASSES[name], raw[name]);
}

export const Linear = checked('Linear');
export type Linear = raw.Linear;
export const Conv1d = checked('Conv1d');
export type Conv1d = raw.Conv1d;
export const Conv2d = checked('Conv2d');
export type Conv2d = raw.Conv2d;
export const Embedding = checked('Embedding');
export type Embedding = raw.Embedding;
export const MaxPool2d = checked('MaxPool2d');
export type MaxPool2d = raw.MaxPool2d;
export const AvgPool2d = checked('AvgPool2d');
export type AvgPool2d = raw.AvgPool2d;
export const BatchNorm1d = checked('BatchNorm1d');
export type BatchNorm1d = raw.BatchNorm1d;
export const BatchNorm2d = checked('BatchNorm2d');
export type BatchNorm2d = raw.BatchNorm2d;
export const LayerNorm = checked('LayerNorm');
export type LayerNorm = raw.LayerNorm;
export const GroupNorm = checked('GroupNorm');
export type GroupNorm = raw.GroupNorm;
export const PReLU = checked('PReLU');
export type PReLU = raw.PReLU;
export const MultiheadAttention = checked('MultiheadAttention');
export type MultiheadAttention = raw.MultiheadAttention;
export const TransformerEncoderLayer = checked('TransformerEncoderLayer');
export type TransformerEncoderLayer = raw.TransformerEncoderLayer;
export const CrossEntropyLoss = checked('CrossEntropyLoss');
export type CrossEntropyLoss = raw.CrossEntropyLoss;
export const NLLLoss = checked('NLLLoss');
export type NLLLoss = raw.NLLLoss;
export const BCELoss = checked('BCELoss');
export type BCELoss = raw.BCELoss;
export const BCEWithLogitsLoss = checked('BCEWithLogitsLoss');
export type BCEWithLogitsLoss = raw.BCEWithLogitsLoss;
export const SmoothL1Loss = checked('SmoothL1Loss');
export type SmoothL1Loss = raw.SmoothL1Loss;
export const HuberLoss = checked('HuberLoss');
export type HuberLoss = raw.HuberLoss;
export const RNNCell = checked('RNNCell');
export type RNNCell = raw.RNNCell;
export const LSTMCell = checked('LSTMCell');
export type LSTMCell = raw.LSTMCell;
export const GRUCell = checked('GRUCell');
export type GRUCell = raw.GRUCell;
export const RNN = checked('RNN');
export type RNN = raw.RNN;
export const LSTM = checked('LSTM');
export type LSTM = raw.LSTM;
export const GRU = checked('GRU');
export type GRU = raw.GRU;
export const KLDivLoss = checked('KLDivLoss');
export type KLDivLoss = raw.KLDivLoss;
export const PoissonNLLLoss = checked('PoissonNLLLoss');
export type PoissonNLLLoss = raw.PoissonNLLLoss;
export const GaussianNLLLoss = checked('GaussianNLLLoss');
export type GaussianNLLLoss = raw.GaussianNLLLoss;
export const CosineEmbeddingLoss = checked('CosineEmbeddingLoss');
export type CosineEmbeddingLoss = raw.CosineEmbeddingLoss;
export const MarginRankingLoss = checked('MarginRankingLoss');
export type MarginRankingLoss = raw.MarginRankingLoss;
export const HingeEmbeddingLoss = checked('HingeEmbeddingLoss');
export type HingeEmbeddingLoss = raw.HingeEmbeddingLoss;
export const TripletMarginLoss = checked('TripletMarginLoss');
export type TripletMarginLoss = raw.TripletMarginLoss;
export const MultiMarginLoss = checked('MultiMarginLoss');
export type MultiMarginLoss = raw.MultiMarginLoss;
export const MultiLabelSoftMarginLoss = checked('MultiLabelSoftMarginLoss');
export type MultiLabelSoftMarginLoss = raw.MultiLabelSoftMarginLoss;
export const CTCLoss = checked('CTCLoss');
export type CTCLoss = raw.CTCLoss;
export const PairwiseDistance = checked('PairwiseDistance');
export type PairwiseDistance = raw.PairwiseDistance;
