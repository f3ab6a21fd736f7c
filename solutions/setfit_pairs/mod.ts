/**
 * Reference solution of exercises/setfit_pairs (see the exercise for the task).
 * @module
 */
import { Random } from "../../lib/random.ts";

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
  /** Seed of the shuffle (default 42). */
  seed?: number;
}

/** Every unordered pair of distinct examples, positives and negatives apart. */
export function uniquePairs(
  labels: Label[],
): { positive: [number, number][]; negative: [number, number][] } {
  if (!Array.isArray(labels) || labels.length < 2) {
    throw new Error(`labels must hold at least 2 examples, got ${JSON.stringify(labels)}`);
  }
  const counts = new Map<Label, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  if (counts.size < 2) throw new Error(`labels has a single class: pairs need at least 2`);
  for (const [c, n] of counts) {
    if (n === 1) throw new Error(`class ${JSON.stringify(c)} has one example: no positive pair`);
  }
  const positive: [number, number][] = [];
  const negative: [number, number][] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      (labels[i] === labels[j] ? positive : negative).push([i, j]);
    }
  }
  return { positive, negative };
}

/** One epoch of contrastive pairs. */
export function generatePairs(
  labels: Label[],
  { strategy = "oversampling", numIterations, seed = 42 }: GeneratePairsOptions = {},
): Pair[] {
  if (!["oversampling", "undersampling", "unique"].includes(strategy)) {
    throw new Error(`strategy must be oversampling, undersampling or unique, got ${strategy}`);
  }
  if (numIterations !== undefined && !(Number.isInteger(numIterations) && numIterations > 0)) {
    throw new Error(`numIterations must be a positive integer, got ${numIterations}`);
  }
  const rng = new Random(seed);
  const { positive, negative } = uniquePairs(labels);
  const shuffle = (pairs: [number, number][]) => rng.permutation(pairs.length).map((k) => pairs[k]);
  const [pos, neg] = [shuffle(positive), shuffle(negative)];
  let [nPos, nNeg] = [pos.length, neg.length];
  if (numIterations !== undefined) nPos = nNeg = numIterations * labels.length;
  else if (strategy === "oversampling") nPos = nNeg = Math.max(nPos, nNeg);
  else if (strategy === "undersampling") nPos = nNeg = Math.min(nPos, nNeg);
  const draw = (pairs: [number, number][], n: number, label: 0 | 1): Pair[] =>
    Array.from(
      { length: n },
      (_, k) => ({ i: pairs[k % pairs.length][0], j: pairs[k % pairs.length][1], label }),
    );
  return [...draw(pos, nPos, 1), ...draw(neg, nNeg, 0)];
}
