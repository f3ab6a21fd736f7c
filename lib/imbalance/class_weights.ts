/**
 * Class weights for an imbalanced label distribution, the chapter's `compute_class_weights`
 * (Section 16.6.5), made correct and checked against scikit-learn.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { computeClassWeights } from "./class_weights.ts";
 * const w = computeClassWeights([0, 0, 0, 1], "inverse");
 * assert(w[0] === 4 / 6 && w[1] === 2);
 * ```
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** Strategies of {@link computeClassWeights}; `"balanced"` is scikit-learn's name for `"inverse"`. */
export type ClassWeightStrategy = "inverse" | "balanced" | "sqrt_inverse" | "effective";

/** Options of {@link computeClassWeights}. */
export interface ClassWeightOptions {
  /** β of the "effective number of samples", in [0, 1) (default 0.9999, as the chapter). */
  beta?: number;
  /** Number of classes K; default: the largest label + 1. Every class must occur. */
  numClasses?: number;
}

/** Counts each class id 0 … K−1, with the checks every count user needs; `fn` names the caller. */
function classCounts(fn: string, labels: readonly number[], numClasses?: number): number[] {
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new ArgumentError(
      "labels",
      labels,
      `${fn} needs a non-empty array of class ids`,
      "pass the training labels",
    );
  }
  let max = -1;
  labels.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0) {
      throw new ArgumentError(
        `labels[${i}]`,
        y,
        `is not a class id (an integer >= 0) (${fn})`,
        "map labels to class ids first",
      );
    }
    if (y > max) max = y;
  });
  const k = numClasses ?? max + 1;
  if (!Number.isInteger(k) || k < 1) {
    throw new ArgumentError(
      "numClasses",
      numClasses,
      `is not a positive integer (${fn})`,
      "pass the number of classes",
    );
  }
  if (max >= k) {
    throw new ArgumentError(
      "numClasses",
      k,
      `label ${max} is not below it (${fn})`,
      `pass at least ${max + 1}`,
    );
  }
  const counts = new Array<number>(k).fill(0);
  for (const y of labels) counts[y]++;
  return counts;
}

/**
 * One weight per class (index = class id), for `crossEntropyLoss`'s `weight`:
 *
 * - `"inverse"` (alias `"balanced"`): n / (K · count_c), scikit-learn's
 *   `compute_class_weight("balanced")`. A class's weight times its count is n / K for every
 *   class, so each class carries the same total weight.
 * - `"sqrt_inverse"`: the square root of that — a softer correction.
 * - `"effective"`: (1 − β) / (1 − β^count_c), normalised to mean 1 — the "effective number of
 *   samples" of Cui et al. (2019), which saturates for large classes.
 *
 * Every class 0 … K−1 must occur (a weight of n / 0 has no meaning): a missing class is an
 * error naming it.
 *
 * The chapter's Code Fragment 16.6.6a prints `['0.58', '1.23', '2.46']` for 9000 / 800 / 200
 * examples with `"sqrt_inverse"`; its code gives `[0.61, 2.04, 4.08]` (this function; none of
 * the three strategies gives the printed numbers), and as printed it returns nothing at all
 * for `"sqrt_inverse"`, because its `return` sits inside the `"effective"` branch.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { computeClassWeights } from "./class_weights.ts";
 * const labels = [...Array(9000).fill(0), ...Array(800).fill(1), ...Array(200).fill(2)];
 * const w = computeClassWeights(labels, "sqrt_inverse");
 * assert(w.map((x) => x.toFixed(2)).join() === "0.61,2.04,4.08");
 * ```
 */
export function computeClassWeights(
  labels: readonly number[],
  strategy: ClassWeightStrategy = "inverse",
  { beta = 0.9999, numClasses }: ClassWeightOptions = {},
): number[] {
  const fn = "computeClassWeights";
  const counts = classCounts(fn, labels, numClasses);
  const missing = counts.findIndex((c) => c === 0);
  if (missing >= 0) {
    throw new ArgumentError(
      "labels",
      labels,
      `class ${missing} has no examples (${counts.length} classes); its weight would be infinite (${fn})`,
      "give every class at least one example, or drop the class and renumber the labels",
    );
  }
  const n = labels.length;
  const k = counts.length;
  switch (strategy) {
    case "inverse":
    case "balanced":
      return counts.map((c) => n / (k * c));
    case "sqrt_inverse":
      return counts.map((c) => Math.sqrt(n / (k * c)));
    case "effective": {
      if (typeof beta !== "number" || !(beta >= 0 && beta < 1)) {
        throw new ArgumentError("beta", beta, `is not in [0, 1) (${fn})`, "use e.g. 0.999");
      }
      // 1 − β^c as −expm1(c·log β): no cancellation when β^c is close to 1.
      const raw = counts.map((c) => (1 - beta) / -Math.expm1(c * Math.log(beta)));
      const mean = raw.reduce((s, w) => s + w, 0) / k;
      return raw.map((w) => w / mean);
    }
    default:
      throw new ArgumentError(
        "strategy",
        strategy,
        `is not a class-weight strategy (${fn})`,
        'use "inverse", "balanced", "sqrt_inverse" or "effective"',
      );
  }
}
