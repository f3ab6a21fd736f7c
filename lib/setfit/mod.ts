/**
 * SetFit (16.6.4b): contrastive pairs, the contrastive losses, stage 1 (fine-tune the body on
 * pairs), stage 2 (a logistic-regression head), and the model and trainer that run both.
 * @module
 */
export {
  type ContrastivePair,
  generatePairs,
  type GeneratePairsOptions,
  type PairLabels,
  type SamplingStrategy,
  type UniquePairs,
  uniquePairs,
} from "./pairs.ts";
export {
  contrastiveLoss,
  type ContrastiveLossOptions,
  cosineSimilarity,
  cosineSimilarityLoss,
  type DistanceMetric,
  type PairLabelsInput,
} from "./losses.ts";
export {
  type ContrastiveLossName,
  type ContrastiveTrainingOptions,
  type ContrastiveTrainingResult,
  trainContrastive,
} from "./contrastive.ts";
export { LogisticHead, type LogisticHeadOptions, type LogisticHeadState } from "./head.ts";
export { type DifferentiableHeadOptions, trainDifferentiableHead } from "./differentiable_head.ts";
export { pca } from "./pca.ts";
export {
  SETFIT_FORMAT,
  type SetFitFromPretrainedOptions,
  SetFitModel,
  type SetFitModelOptions,
  USE_LITE_ID,
} from "./model.ts";
export {
  type SetFitMetric,
  SetFitTrainer,
  type SetFitTrainerOptions,
  type SetFitTrainOutput,
} from "./trainer.ts";
