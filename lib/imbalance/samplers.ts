/**
 * Seeded resampling for imbalanced data: PyTorch's `WeightedRandomSampler`, and random
 * over- and undersampling as imbalanced-learn's `RandomOverSampler` / `RandomUnderSampler`.
 * Each returns dataset indices; the same seed gives the same indices.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { oversample } from "./samplers.ts";
 * const idx = oversample(["a", "a", "a", "b"], { seed: 0 });
 * assert(idx.length === 6);
 * ```
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { Random } from "../random.ts";

/** Where the randomness comes from: a seed, or a generator shared with other code. */
export interface SeedOptions {
  /** Seed of a fresh {@link Random}. */
  seed?: number;
  /** A generator to draw from instead (PyTorch's `generator`); it advances. */
  generator?: Random;
}

/** Options of {@link weightedRandomSampler}. */
export interface WeightedRandomSamplerOptions extends SeedOptions {
  /** Draw with replacement (default true, as PyTorch). */
  replacement?: boolean;
}

function rngOf(fn: string, { seed, generator }: SeedOptions): Random {
  if (seed !== undefined && generator !== undefined) {
    throw new ArgumentError(
      "options.generator",
      generator,
      `${fn} takes seed or generator, not both`,
      "pass only one of them",
    );
  }
  if (generator !== undefined) return generator;
  // Without either, a fresh seed: like PyTorch's unseeded default, different on every call.
  return new Random(seed ?? Math.floor(Math.random() * 2 ** 32));
}

/**
 * `numSamples` indices drawn with probability proportional to `weights` (one weight per
 * example, not per class — weight = classWeight[label] is the usual recipe), as
 * `torch.utils.data.WeightedRandomSampler`. Without replacement each index appears at most
 * once (successive draws without replacement, as `torch.multinomial`), so `numSamples` may not
 * exceed the number of positive weights.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { weightedRandomSampler } from "./samplers.ts";
 * const idx = weightedRandomSampler([0.1, 0.9, 0], 5, { seed: 42 });
 * assert(idx.length === 5 && !idx.includes(2));
 * ```
 */
export function weightedRandomSampler(
  weights: readonly number[],
  numSamples: number,
  options: WeightedRandomSamplerOptions = {},
): number[] {
  const fn = "weightedRandomSampler";
  const { replacement = true } = options;
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new ArgumentError(
      "weights",
      weights,
      `${fn} needs a non-empty array`,
      "give one weight per example",
    );
  }
  let total = 0;
  let positive = 0;
  weights.forEach((w, i) => {
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      throw new ArgumentError(
        `weights[${i}]`,
        w,
        `is not a finite number >= 0 (${fn})`,
        "fix that weight",
      );
    }
    total += w;
    if (w > 0) positive++;
  });
  if (total <= 0) {
    throw new ArgumentError(
      "weights",
      weights,
      `sum to 0: nothing can be drawn (${fn})`,
      "give some example a weight > 0",
    );
  }
  if (!Number.isInteger(numSamples) || numSamples < 0) {
    throw new ArgumentError(
      "numSamples",
      numSamples,
      `is not an integer >= 0 (${fn})`,
      "use e.g. weights.length",
    );
  }
  if (!replacement && numSamples > positive) {
    throw new ArgumentError(
      "numSamples",
      numSamples,
      `exceeds the ${positive} examples with positive weight (replacement: false) (${fn})`,
      "draw fewer, or pass replacement: true",
    );
  }
  const rng = rngOf(fn, options);
  if (replacement) {
    const cumulative = new Float64Array(weights.length);
    let acc = 0;
    weights.forEach((w, i) => (cumulative[i] = acc += w));
    return Array.from({ length: numSamples }, () => {
      const u = rng.random() * acc;
      // First index whose cumulative weight exceeds u (zero weights are never chosen).
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    });
  }
  // Efraimidis–Spirakis: the k largest keys log(u) / w are a draw of k successive weighted
  // choices without replacement — one pass instead of k renormalisations.
  const keyed = weights.map((w, i) => ({
    i,
    key: w > 0 ? Math.log(1 - rng.random()) / w : -Infinity,
  }));
  keyed.sort((a, b) => b.key - a.key);
  return keyed.slice(0, numSamples).map((k) => k.i);
}

type Label = number | string;

/** Indices of each class, classes in order of first appearance. */
function groupByLabel(fn: string, labels: readonly Label[]): number[][] {
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new ArgumentError(
      "labels",
      labels,
      `${fn} needs a non-empty array`,
      "pass the training labels",
    );
  }
  const groups = new Map<Label, number[]>();
  labels.forEach((y, i) => {
    if (!(typeof y === "string" || (typeof y === "number" && Number.isFinite(y)))) {
      throw new ArgumentError(
        `labels[${i}]`,
        y,
        `is not a finite number or a string (${fn})`,
        "fix that label",
      );
    }
    const g = groups.get(y);
    if (g) g.push(i);
    else groups.set(y, [i]);
  });
  return [...groups.values()];
}

/**
 * Random oversampling: every index once, plus indices of the smaller classes drawn with
 * replacement until every class has as many examples as the largest (imbalanced-learn's
 * `RandomOverSampler`, strategy "not majority"). Returned in ascending order; shuffle in the
 * loader.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { oversample } from "./samplers.ts";
 * const labels = [0, 0, 0, 0, 1];
 * const idx = oversample(labels, { seed: 1 });
 * assert(idx.filter((i) => labels[i] === 1).length === 4);
 * ```
 */
export function oversample(labels: readonly Label[], options: SeedOptions = {}): number[] {
  const fn = "oversample";
  const groups = groupByLabel(fn, labels);
  const rng = rngOf(fn, options);
  const largest = Math.max(...groups.map((g) => g.length));
  const out = labels.map((_, i) => i);
  for (const g of groups) {
    for (let k = g.length; k < largest; k++) out.push(rng.choice(g));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Random undersampling: every class cut down to the size of the smallest by drawing without
 * replacement (imbalanced-learn's `RandomUnderSampler`). Returned in ascending order.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { undersample } from "./samplers.ts";
 * const labels = ["x", "x", "x", "y"];
 * const idx = undersample(labels, { seed: 1 });
 * assert(idx.length === 2 && idx.includes(3));
 * ```
 */
export function undersample(labels: readonly Label[], options: SeedOptions = {}): number[] {
  const fn = "undersample";
  const groups = groupByLabel(fn, labels);
  const rng = rngOf(fn, options);
  const smallest = Math.min(...groups.map((g) => g.length));
  return groups.flatMap((g) => rng.sample(g, smallest)).sort((a, b) => a - b);
}
