/**
 * The precision / recall / F arithmetic shared by scikit-learn's scores (`classification.ts`)
 * and seqeval's entity scores (`../seqeval/scores.ts`). Each counts in its own way — classes of
 * single labels, columns or rows of indicator matrices, whole entities — then hands the counts
 * to {@linkcode prfFromCounts}, as seqeval hands its per-type counts to scikit-learn's formula.
 * @module
 */
import { type Metric, type MetricWarnings, prfDivide, warnIllDefined } from "./warnings.ts";

/**
 * How per-class scores are combined (`null` keeps one score per class): `"micro"` divides the
 * summed counts, `"macro"` averages the classes, `"weighted"` weighs them by support. `"binary"`
 * (only the positive class) and `"samples"` (per sample of an indicator matrix) are
 * scikit-learn's; seqeval takes `"micro"`, `"macro"` and `"weighted"`.
 */
export type Average = "binary" | "micro" | "macro" | "weighted" | "samples";

/**
 * Value of an ill-defined ratio (no predicted or no true samples): `"warn"` (0 and a warning,
 * the default), 0, 1, or NaN (scikit-learn ≥ 1.3: such classes are left out of averages;
 * seqeval takes `"warn"`, 0 and 1).
 */
export type ZeroDivision = "warn" | 0 | 1 | number;

/** What every score divides: true positives, predicted and true counts, one entry per class. */
export interface PrfCounts {
  tp: readonly number[];
  pred: readonly number[];
  true: readonly number[];
}

/** Per-class results (`average: null`): arrays in the order of the classes. */
export interface PrfPerClass {
  precision: number[];
  recall: number[];
  fscore: number[];
  /** Number of true samples (gold entities) of each class. */
  support: number[];
}

/**
 * Averaged results. `support` is the number of true samples in all (seqeval's convention);
 * scikit-learn's `precisionRecallFscoreSupport` returns `null` there, as scikit-learn does.
 */
export interface PrfAveraged<Support extends number | null = number> {
  precision: number;
  recall: number;
  fscore: number;
  support: Support;
}

/** One row of a classification report: the same four numbers in scikit-learn and seqeval. */
export interface ReportRow {
  precision: number;
  recall: number;
  "f1-score": number;
  support: number;
}

/** Options of {@linkcode prfFromCounts}. */
export interface PrfFromCountsOptions {
  /** How the classes are combined; `null` (per class) when absent. */
  average?: Average | null;
  /** Weight of recall against precision in the F-score (default 1). */
  beta?: number;
  /** Value of an ill-defined ratio (default `"warn"`). */
  zeroDivision?: ZeroDivision;
  /** The ratios whose zero division warns (default: all three). */
  warnFor?: readonly Metric[];
  /** Where warnings are collected; the caller flushes them once per public call. */
  warnings: MetricWarnings;
}

const ALL: readonly Metric[] = ["precision", "recall", "f-score"];

/**
 * Precision tp / pred, recall tp / true and F-beta from per-class counts, per class or averaged
 * (scikit-learn's `_precision_recall_fscore_support` after counting, which seqeval copies).
 *
 * @example
 * ```ts
 * import { prfFromCounts } from "./prf.ts";
 * import { MetricWarnings } from "./warnings.ts";
 * const counts = { tp: [1, 1], pred: [2, 1], true: [1, 1] };
 * const warnings = new MetricWarnings();
 * console.log(prfFromCounts(counts, { average: "micro", warnings }));
 * // { precision: 0.6666666666666666, recall: 1, fscore: 0.8, support: 2 }
 * console.log(prfFromCounts(counts, { warnings }).fscore); // [0.6666666666666666, 1]
 * ```
 */
export function prfFromCounts(
  counts: PrfCounts,
  options: PrfFromCountsOptions & { average?: null },
): PrfPerClass;
export function prfFromCounts(
  counts: PrfCounts,
  options: PrfFromCountsOptions & { average: Average },
): PrfAveraged;
export function prfFromCounts(
  counts: PrfCounts,
  options: PrfFromCountsOptions,
): PrfPerClass | PrfAveraged;
export function prfFromCounts(
  counts: PrfCounts,
  options: PrfFromCountsOptions,
): PrfPerClass | PrfAveraged {
  const { average = null, beta = 1, zeroDivision = "warn", warnFor = ALL, warnings } = options;
  const samplewise = average === "samples";
  let { tp, pred, true: gold } = counts;
  if (average === "micro") [tp, pred, gold] = [[sum(tp)], [sum(pred)], [sum(gold)]];
  const divide = (den: readonly number[], metric: Metric, modifier: string) =>
    prfDivide(tp, den, metric, modifier, warnFor, zeroDivision, warnings, samplewise);
  const precision = divide(pred, "precision", "predicted");
  const recall = divide(gold, "recall", "true");
  if (
    zeroDivision === "warn" && warnFor.length === 1 && warnFor[0] === "f-score" &&
    gold.some((g, i) => g === 0 && pred[i] === 0)
  ) {
    warnIllDefined(warnings, "F-score is", "true nor predicted", gold.length, samplewise);
  }
  const zd = zeroDivision === "warn" ? 0 : zeroDivision;
  // F = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp): scikit-learn ≥ 1.3's form of seqeval's and
  // scikit-learn 1.2's (1 + β²)PR / (β²P + R). Equal for every zeroDivision of those versions,
  // and still defined when P or R is NaN (zeroDivision NaN).
  const b2 = beta * beta;
  const fscore = beta === Infinity ? recall : tp.map((x, i) => {
    const den = (1 + b2) * x + b2 * (gold[i] - x) + (pred[i] - x);
    return den === 0 ? zd : (1 + b2) * x / den;
  });
  if (average === null) return { precision, recall, fscore, support: [...counts.true] };
  const support = sum(counts.true);
  let weights: readonly number[] | undefined;
  if (average === "weighted") {
    if (support === 0) {
      // No true sample at all: scikit-learn's and seqeval's special case.
      const none = sum(counts.pred) === 0;
      return { precision: none ? zd : 0, recall: zd, fscore: none ? zd : 0, support };
    }
    weights = gold;
  }
  return {
    precision: nanAverage(precision, weights, zd),
    recall: nanAverage(recall, weights, zd),
    fscore: nanAverage(fscore, weights, zd),
    support,
  };
}

/**
 * `np.average` of the non-NaN values (scikit-learn's `_nanaverage`), weights ignored when the
 * kept ones are all 0; `empty` when no value is left (NaN in scikit-learn, whose values are NaN
 * only when zeroDivision is NaN; seqeval would give NaN where the kit gives its zeroDivision).
 */
function nanAverage(
  values: readonly number[],
  weights: readonly number[] | undefined,
  empty: number,
) {
  const keep = values.map((_, i) => i).filter((i) => !Number.isNaN(values[i]));
  if (keep.length === 0) return empty;
  const v = keep.map((i) => values[i]);
  const w = weights && keep.map((i) => weights[i]);
  if (w === undefined || w.every((x) => x === 0)) return sum(v) / v.length;
  return sum(v.map((x, i) => x * w[i])) / sum(w);
}

/**
 * numpy's sum of a float64 array (pairwise in blocks of 8), so that averages over many classes
 * match scikit-learn's and seqeval's to the last bit; below 8 values it is the plain loop.
 */
function sum(a: readonly number[], from = 0, n = a.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = from; i < from + n; i++) s += a[i];
    return s;
  }
  if (n <= 128) {
    const r = a.slice(from, from + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let k = 0; k < 8; k++) r[k] += a[from + i + k];
    }
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[from + i];
    return s;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return sum(a, from, half) + sum(a, from + half, n - half);
}

/**
 * The report row of averaged scores: the F-score named `"f1-score"`, as both reports print it.
 *
 * @example
 * ```ts
 * import { reportRow } from "./prf.ts";
 * console.log(reportRow({ precision: 1, recall: 0.5, fscore: 0.6666666666666666, support: 2 }));
 * // { precision: 1, recall: 0.5, "f1-score": 0.6666666666666666, support: 2 }
 * ```
 */
export function reportRow(r: PrfAveraged): ReportRow {
  return { precision: r.precision, recall: r.recall, "f1-score": r.fscore, support: r.support };
}

/**
 * The report rows of per-class scores, one per class.
 *
 * @example
 * ```ts
 * import { reportRows } from "./prf.ts";
 * const rows = reportRows({ precision: [1, 0], recall: [1, 0], fscore: [1, 0], support: [1, 3] });
 * console.log(rows[1]); // { precision: 0, recall: 0, "f1-score": 0, support: 3 }
 * ```
 */
export function reportRows(r: PrfPerClass): ReportRow[] {
  return r.support.map((support, i) =>
    reportRow({ precision: r.precision[i], recall: r.recall[i], fscore: r.fscore[i], support })
  );
}
