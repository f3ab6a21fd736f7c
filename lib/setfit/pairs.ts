/**
 * SetFit's contrastive pairs: from a few labelled examples, every unordered pair of distinct
 * examples is a positive (same class, label 1) or a negative (different classes, label 0), and an
 * epoch draws from those lists with one of SetFit's sampling strategies.
 *
 * The kit follows the SetFit documentation's semantics (conceptual guide "SetFit Sampling
 * Strategies"): pairs are unordered and an example is never paired with itself, so 8 / 4 / 8
 * examples of three classes give 62 positive and 128 negative pairs. The SetFit library's code
 * (`shuffle_combinations(..., replacement=True)` in `sampler.py`) enumerates combinations *with*
 * replacement and so also yields the 20 self-pairs `(x, x)` as positives (82 positives, a "unique"
 * epoch of 210, an "undersampling" epoch of 164). A self-pair has cosine similarity 1 whatever the
 * weights, so under the cosine-similarity loss it adds nothing but a zero term that dilutes the
 * batch; the kit leaves it out.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { Random } from "../random.ts";

/** How an epoch is drawn from the unique positive and negative pairs (SetFit's names). */
export type SamplingStrategy = "oversampling" | "undersampling" | "unique";

/** A pair of example indices, `i < j`, with 1 for the same class and 0 for different classes. */
export interface ContrastivePair {
  /** Index of the first example. */
  i: number;
  /** Index of the second example. */
  j: number;
  /** 1: same class (positive); 0: different classes (negative). */
  label: 0 | 1;
}

/** Every unordered pair of distinct examples, split by kind, in a seeded shuffled order. */
export interface UniquePairs {
  /** Same-class pairs `[i, j]`, `i < j`. */
  positive: [number, number][];
  /** Different-class pairs `[i, j]`, `i < j`. */
  negative: [number, number][];
}

/**
 * Labels of the examples: one class each (numbers or strings), or for multi-label data the list of
 * each example's classes (two examples then form a positive pair when they share a class).
 */
export type PairLabels = readonly (number | string)[] | readonly (readonly (number | string)[])[];

/** Options of {@linkcode generatePairs}. */
export interface GeneratePairsOptions {
  /** `"oversampling"` (default), `"undersampling"` or `"unique"`; ignored when `numIterations` is set. */
  strategy?: SamplingStrategy;
  /**
   * SetFit's older, deprecated way to size an epoch: `numIterations` positive and
   * `numIterations` negative pairs per example, `2 · numIterations · examples` pairs in all.
   */
  numIterations?: number;
  /** Seed of the pairs' order (default 42). */
  seed?: number;
}

const STRATEGIES: readonly SamplingStrategy[] = ["oversampling", "undersampling", "unique"];

/**
 * All unordered pairs of distinct examples, positives and negatives apart, each list in a seeded
 * random order (SetFit shuffles the pairs once, then cycles through them).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { uniquePairs } from "./pairs.ts";
 * // the chapter's worked example: K = 8 examples in each of 3 classes
 * const labels = Array.from({ length: 24 }, (_, i) => Math.floor(i / 8));
 * const { positive, negative } = uniquePairs(labels);
 * assertEquals([positive.length, negative.length], [84, 192]);
 * ```
 */
export function uniquePairs(
  labels: PairLabels,
  { seed = 42 }: { seed?: number } = {},
): UniquePairs {
  const same = sameClass(labels);
  const order = new Random(seed).permutation(labels.length * (labels.length - 1) / 2);
  const all: [number, number][] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) all.push([i, j]);
  }
  const positive: [number, number][] = [];
  const negative: [number, number][] = [];
  for (const k of order) {
    const [i, j] = all[k];
    (same(i, j) ? positive : negative).push([i, j]);
  }
  return { positive, negative };
}

/**
 * One epoch of contrastive pairs, as SetFit's `ContrastiveDataset` draws it: `"oversampling"`
 * cycles the smaller kind up to the larger one's count, `"undersampling"` keeps the first pairs
 * of the larger kind down to the smaller one's count, `"unique"` takes every pair once; with
 * `numIterations = N`, `N · examples` pairs of each kind are cycled. Positives and negatives
 * alternate while both last.
 *
 * Errors: fewer than 2 examples or 2 classes; in single-label data, a class with one example
 * (it can form no positive pair; SetFit would pair it with itself, which teaches nothing under
 * the cosine loss: give it a second example or drop the class); no negative or no positive pair
 * at all in multi-label data.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { generatePairs } from "./pairs.ts";
 * // SetFit's documented example: 8 "happy", 4 "content", 8 "sad" (62 positive, 128 negative pairs)
 * const labels = [...Array(8).fill("happy"), ...Array(4).fill("content"), ...Array(8).fill("sad")];
 * assertEquals(generatePairs(labels, { strategy: "oversampling" }).length, 256);
 * assertEquals(generatePairs(labels, { strategy: "undersampling" }).length, 124);
 * assertEquals(generatePairs(labels, { strategy: "unique" }).length, 190);
 * assertEquals(generatePairs(labels, { numIterations: 20 }).length, 2 * 20 * 20);
 * ```
 */
export function generatePairs(
  labels: PairLabels,
  options: GeneratePairsOptions = {},
): ContrastivePair[] {
  const { strategy = "oversampling", numIterations, seed = 42 } = options;
  if (!STRATEGIES.includes(strategy)) {
    throw new ArgumentError(
      "strategy",
      strategy,
      "is not a sampling strategy",
      `use one of ${STRATEGIES.map((s) => `"${s}"`).join(", ")}`,
    );
  }
  if (numIterations !== undefined && !(Number.isInteger(numIterations) && numIterations > 0)) {
    throw new ArgumentError(
      "numIterations",
      numIterations,
      "is not a positive integer",
      "use e.g. 20",
    );
  }
  const { positive, negative } = uniquePairs(labels, { seed });
  if (positive.length === 0) {
    throw new ArgumentError(
      "labels",
      labels,
      "allow no positive pair: no two examples share a class",
      "give each class at least 2 examples",
    );
  }
  if (negative.length === 0) {
    throw new ArgumentError(
      "labels",
      labels,
      "allow no negative pair: every pair shares a class",
      "add examples of another class",
    );
  }
  let nPos: number;
  let nNeg: number;
  if (numIterations !== undefined) {
    nPos = nNeg = numIterations * labels.length;
  } else if (strategy === "unique") {
    [nPos, nNeg] = [positive.length, negative.length];
  } else {
    const pick = strategy === "oversampling" ? Math.max : Math.min;
    nPos = nNeg = pick(positive.length, negative.length);
  }
  const pairs: ContrastivePair[] = [];
  for (let k = 0; k < Math.max(nPos, nNeg); k++) {
    if (k < nPos) {
      const [i, j] = positive[k % positive.length];
      pairs.push({ i, j, label: 1 });
    }
    if (k < nNeg) {
      const [i, j] = negative[k % negative.length];
      pairs.push({ i, j, label: 0 });
    }
  }
  return pairs;
}

/** The same-class test for single- or multi-label data, after checking the labels. */
function sameClass(labels: PairLabels): (i: number, j: number) => boolean {
  if (!Array.isArray(labels) || labels.length < 2) {
    throw new ArgumentError(
      "labels",
      labels,
      "is not an array of at least 2 examples",
      "give one label per example, two examples or more",
    );
  }
  const multi = Array.isArray(labels[0]);
  labels.forEach((l, k) => {
    const ok = multi
      ? Array.isArray(l) && l.every(isClass)
      : !Array.isArray(l) && isClass(l as number | string);
    if (!ok) {
      throw new ArgumentError(
        `labels[${k}]`,
        l,
        "is not a class",
        "use one class (number or string) per example, or for multi-label data a list of classes per example",
      );
    }
  });
  if (multi) {
    const sets = (labels as readonly (readonly (number | string)[])[]).map((l) => new Set(l));
    return (i, j) => [...sets[i]].some((c) => sets[j].has(c));
  }
  const single = labels as readonly (number | string)[];
  const counts = new Map<number | string, number>();
  for (const l of single) counts.set(l, (counts.get(l) ?? 0) + 1);
  if (counts.size < 2) {
    throw new ArgumentError(
      "labels",
      labels,
      "has only one class: contrastive pairs need at least 2",
      "add examples of another class",
    );
  }
  for (const [c, n] of counts) {
    if (n === 1) {
      throw new ArgumentError(
        "labels",
        labels,
        `class ${JSON.stringify(c)} has a single example, which can form no positive pair`,
        "give it at least 2 examples or drop the class",
      );
    }
  }
  return (i, j) => single[i] === single[j];
}

function isClass(v: unknown): boolean {
  return (typeof v === "number" && Number.isFinite(v)) || typeof v === "string";
}
