/**
 * # SetFit pair generation (Section 16.6.4b)
 *
 * SetFit's first stage turns a few labelled examples into contrastive pairs. Write, for
 * single-label data (`labels[i]` is the class of example i, a number or a string):
 *
 * - `uniquePairs(labels)` → `{ positive, negative }`: every **unordered** pair of **distinct**
 *   examples exactly once, as `[i, j]` with `i < j` — `positive` when the two share a class,
 *   `negative` otherwise. No self-pairs `[i, i]`, and `[j, i]` is the same pair as `[i, j]`. Any
 *   order within each list. The chapter's worked example, K = 8 examples in each of 3 classes,
 *   gives 3 · C(8, 2) = 84 positive and 8 · 8 · 3 = 192 negative pairs.
 * - `generatePairs(labels, options)` → one epoch of pairs `{ i, j, label }` (`i < j`; `label` 1
 *   for a positive, 0 for a negative), drawn from those unique pairs by cycling through each
 *   list (so every unique pair of a kind is used ⌊n / count⌋ or ⌈n / count⌉ times when n pairs
 *   of that kind are drawn from count unique ones). How many of each kind, with P unique
 *   positives and Q unique negatives:
 *   - `numIterations: N` (SetFit's older sizing; it overrides `strategy`): N · |D| positives and
 *     N · |D| negatives, 2 · N · |D| pairs for |D| examples — the chapter's K = 8 × 3 example
 *     with `num_iterations=20` gives 960 pairs, not "≈ 5,500";
 *   - `strategy: "oversampling"` (the default): max(P, Q) of each kind;
 *   - `strategy: "undersampling"`: min(P, Q) of each kind (no pair twice);
 *   - `strategy: "unique"`: every unique pair once, P + Q pairs.
 *   The order of the returned pairs is up to you (SetFit shuffles them; so may you).
 *
 * Errors (each message names what is wrong): fewer than 2 examples (`labels`); a single class
 * (`labels`); a class with only one example, which can form no positive pair (the message names
 * the class); `numIterations` that is not a positive integer (`numIterations`); an unknown
 * `strategy` (`strategy`).
 *
 * Example: `uniquePairs(["a", "a", "b"])` → `{ positive: [[0, 1]], negative: [[0, 2], [1, 2]] }`;
 * `generatePairs(["a", "a", "b"], { numIterations: 2 })` has 12 pairs: 6 copies of `{ i: 0, j:
 * 1, label: 1 }` and each negative 3 times.
 *
 * Off limits: the kit's `uniquePairs` and `generatePairs` (lib/setfit/pairs.ts). You may use
 * e.g. lib/random.ts to shuffle.
 *
 * Self-check: `deno test exercises/setfit_pairs/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** A class label. */
export type Label = number | string;

/** A pair of example indices, `i < j`, 1 for the same class and 0 for different classes. */
export interface Pair {
  /** Index of the first example. */
  i: number;
  /** Index of the second example. */
  j: number;
  /** 1: same class (positive); 0: different classes (negative). */
  label: 0 | 1;
}

/** Options of {@link generatePairs}. */
export interface GeneratePairsOptions {
  /** `"oversampling"` (default), `"undersampling"` or `"unique"`. */
  strategy?: "oversampling" | "undersampling" | "unique";
  /** N positives and N negatives per example; overrides `strategy`. */
  numIterations?: number;
  /** Seed for your shuffle, if you shuffle (default 42). */
  seed?: number;
}

/** Every unordered pair of distinct examples, positives and negatives apart. */
export function uniquePairs(
  _labels: Label[],
): { positive: [number, number][]; negative: [number, number][] } {
  throw new NotImplementedError("setfit_pairs: uniquePairs");
}

/** One epoch of contrastive pairs. */
export function generatePairs(_labels: Label[], _options: GeneratePairsOptions = {}): Pair[] {
  throw new NotImplementedError("setfit_pairs: generatePairs");
}
