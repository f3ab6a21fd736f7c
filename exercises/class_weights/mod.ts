/**
 * # Class-weight strategies (Exercise 14.6.2, first way; Section 16.6.5)
 *
 * Write `computeClassWeights(labels, strategy, options)`: one weight per class id 0 … K−1 (the
 * `weight` of a weighted cross-entropy). With n examples, K classes and count_c examples of
 * class c:
 *
 * - `"inverse"` and its alias `"balanced"`: n / (K · count_c) — scikit-learn's
 *   `compute_class_weight("balanced")`; every class then carries the same total weight n / K.
 * - `"sqrt_inverse"`: √(n / (K · count_c)).
 * - `"effective"`: (1 − β) / (1 − β^count_c) (Cui et al. 2019), then scaled so the K weights
 *   have mean 1. `options.beta` defaults to 0.9999.
 *
 * `options.numClasses` sets K (default: largest label + 1). Every class must occur: a class
 * without examples is an error whose message contains `class <id>`; a label that is not an
 * integer ≥ 0 is an error naming `labels`.
 *
 * Example: 9000 / 800 / 200 examples of classes 0 / 1 / 2, `"sqrt_inverse"` →
 * ≈ [0.609, 2.041, 4.082]; `"balanced"` → ≈ [0.370, 4.167, 16.667].
 *
 * Off limits: the kit's `computeClassWeights` (lib/imbalance/class_weights.ts).
 * Self-check: `deno test exercises/class_weights/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** The strategies. */
export type Strategy = "inverse" | "balanced" | "sqrt_inverse" | "effective";

/** One weight per class. */
export function computeClassWeights(
  _labels: number[],
  _strategy: Strategy,
  _options: { beta?: number; numClasses?: number } = {},
): number[] {
  throw new NotImplementedError("class_weights: computeClassWeights");
}
