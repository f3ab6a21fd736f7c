/**
 * Class imbalance (Section 16.6.5): class weights for the loss, seeded resampling, and the
 * helpers of its experiments (a minority share, rare-tag oversampling for multi-label data). The
 * chapter's strategy table, being Trainer settings, lives one layer up in
 * `lib/train/imbalance_strategies.ts`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { computeClassWeights, weightedRandomSampler } from "./mod.ts";
 * const labels = [0, 0, 0, 1];
 * const w = computeClassWeights(labels, "balanced");
 * const idx = weightedRandomSampler(labels.map((y) => w[y]), 4, { seed: 0 });
 * assert(idx.length === 4);
 * ```
 * @module
 */
export {
  type ClassWeightOptions,
  type ClassWeightStrategy,
  computeClassWeights,
} from "./class_weights.ts";
export {
  oversample,
  type SeedOptions,
  undersample,
  weightedRandomSampler,
  type WeightedRandomSamplerOptions,
} from "./samplers.ts";
export { subsampleMinority, type SubsampleMinorityOptions } from "./minority_share.ts";
export { oversampleRareLabels, type OversampleRareLabelsOptions } from "./multilabel_oversample.ts";
export {
  augmentMinority,
  type AugmentMinorityOptions,
  augmentText,
  type AugmentTextOptions,
  loadSynonyms,
  type Synonyms,
  SYNONYMS_PATH,
} from "./augment.ts";
