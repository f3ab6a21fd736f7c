/**
 * # Oversampling the minority classes (Exercise 14.6.2, second way; Section 16.6.5)
 *
 * 1. `sampleWeights(labels)`: the per-example weights of a `WeightedRandomSampler` that draws
 *    every class equally often: example i gets 1 / count(labels[i]).
 *    `sampleWeights([0, 0, 0, 1])` → `[1/3, 1/3, 1/3, 1]`.
 * 2. `oversample(labels, seed)`: indices into `labels` (an epoch plan) in which every class
 *    appears as often as the largest class: each example of a class appears
 *    ⌊max / count⌋ times, and the remaining max mod count copies are drawn **without
 *    replacement** from that class's examples (so no example is repeated more than once beyond
 *    the others). Shuffle the result; the same seed must give the same plan (you may use the
 *    kit's seeded `Random` from lib/random.ts). Labels are class ids; an empty list is an error
 *    naming `labels`.
 *
 * Example: labels `[0, 0, 0, 0, 1, 2, 2]` → 12 indices: 0–3 once each, 4 four times, 5 and 6
 * twice each, in a seeded random order.
 *
 * Off limits: the kit's `oversample` and `weightedRandomSampler` (lib/imbalance/samplers.ts).
 * Self-check: `deno test exercises/oversampling/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** 1 / (size of the example's class). */
export function sampleWeights(_labels: number[]): number[] {
  throw new NotImplementedError("oversampling: sampleWeights");
}

/** Indices in which every class appears as often as the largest one, shuffled by `seed`. */
export function oversample(_labels: number[], _seed = 0): number[] {
  throw new NotImplementedError("oversampling: oversample");
}
