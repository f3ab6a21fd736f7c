/**
 * Class imbalance (Section 16.6.5): class weights for the loss, and seeded resampling.
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
