/**
 * Set-wise classification scores with scikit-learn 1.2 semantics: accuracy, precision, recall,
 * F-beta and support, for binary, multi-class and multi-label (indicator) targets.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import {
  type CheckedTargets,
  checkLabels,
  checkTargets,
  checkZeroDivision,
  type Label,
  type Target,
  uniqueLabels,
} from "./validation.ts";
import { type Metric, MetricWarnings } from "./warnings.ts";
import {
  type Average,
  type PrfAveraged,
  prfFromCounts,
  type PrfPerClass,
  type ZeroDivision,
} from "./prf.ts";

export type { Average, PrfAveraged, PrfPerClass } from "./prf.ts";

/** Options of the precision / recall / F-score family (scikit-learn's parameter names). */
export interface PrfOptions {
  /** The classes to score, in this order; absent ones score with zero support. Default: all present. */
  labels?: readonly Label[];
  /** The positive class when `average` is `"binary"` (default 1). */
  posLabel?: Label;
  /** `"binary"` (default for the score functions), `"micro"`, `"macro"`, `"weighted"`, `"samples"`, or `null`. */
  average?: Average | null;
  /**
   * Value of an ill-defined ratio (no predicted or no true samples): `"warn"` (0 and a warning,
   * the default), 0, 1, or NaN (scikit-learn ≥ 1.3: such classes are left out of averages).
   */
  zeroDivision?: ZeroDivision;
}

/** Options of {@link precisionRecallFscoreSupport}: {@link PrfOptions} plus the F-score's `beta`. */
export interface PrecisionRecallFscoreSupportOptions extends PrfOptions {
  /** Weight of recall against precision in the F-score (default 1). */
  beta?: number;
}

/** True positives, predicted and true counts per selected label (or per sample when samplewise). */
interface Counts {
  tp: number[];
  pred: number[];
  true: number[];
}

function counts(t: CheckedTargets, labels: Label[], samplewise: boolean): Counts {
  if (t.type === "multilabel-indicator") {
    const cols = labels as number[];
    const size = samplewise ? t.yTrue.length : cols.length;
    const c: Counts = {
      tp: Array(size).fill(0),
      pred: Array(size).fill(0),
      true: Array(size).fill(0),
    };
    t.yTrue.forEach((row, i) => {
      const prow = t.yPred[i];
      cols.forEach((col, j) => {
        const k = samplewise ? i : j;
        c.true[k] += row[col];
        c.pred[k] += prow[col];
        c.tp[k] += row[col] * prow[col];
      });
    });
    return c;
  }
  if (samplewise) {
    throw new ArgumentError(
      "average",
      "samples",
      `is only for multi-label targets; these are ${t.type}`,
      'use "micro", "macro" or "weighted"',
    );
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const n = labels.length;
  const c: Counts = { tp: Array(n).fill(0), pred: Array(n).fill(0), true: Array(n).fill(0) };
  t.yTrue.forEach((yt, i) => {
    const ti = index.get(yt);
    const pi = index.get(t.yPred[i]);
    if (ti !== undefined) c.true[ti]++;
    if (pi !== undefined) c.pred[pi]++;
    if (ti !== undefined && ti === pi) c.tp[ti]++;
  });
  return c;
}

/**
 * The labels present in the targets: sorted labels, or every column of an indicator matrix.
 *
 * @example
 * ```ts
 * import { presentLabels } from "./classification.ts";
 * import { checkTargets } from "./validation.ts";
 * console.log(presentLabels(checkTargets(["b", "a"], ["c", "a"]))); // ["a", "b", "c"]
 * ```
 */
export function presentLabels(t: CheckedTargets): Label[] {
  return t.type === "multilabel-indicator"
    ? Array.from({ length: t.nLabels }, (_, i) => i)
    : uniqueLabels(t.yTrue, t.yPred);
}

/** Which labels a set-wise metric scores (scikit-learn's `_check_set_wise_labels`). */
function setWiseLabels(
  t: CheckedTargets,
  average: Average | null,
  labels: readonly Label[] | undefined,
  posLabel: Label,
  warnings: MetricWarnings,
): Label[] | undefined {
  const averages = [null, "micro", "macro", "weighted", "samples", "binary"];
  if (!averages.includes(average)) {
    throw new ArgumentError(
      "average",
      average,
      "is not an averaging",
      'use null, "binary", "micro", "macro", "weighted" or "samples"',
    );
  }
  const present = presentLabels(t);
  if (average === "binary") {
    if (t.type !== "binary") {
      const options = t.type === "multiclass"
        ? 'null, "micro", "macro", "weighted"'
        : 'null, "micro", "macro", "weighted", "samples"';
      throw new ArgumentError(
        "average",
        "binary",
        `Target is ${t.type} but average is "binary"`,
        `Choose another average: one of ${options}`,
      );
    }
    if (!present.includes(posLabel)) {
      if (present.length >= 2 || typeof posLabel !== typeof present[0]) {
        throw new ArgumentError(
          "posLabel",
          posLabel,
          "is not a valid label",
          `it should be one of ${JSON.stringify(present)}`,
        );
      }
    }
    return [posLabel];
  }
  if (posLabel !== 1) {
    warnings.add(
      `Note that posLabel (set to ${JSON.stringify(posLabel)}) is ignored when average is not ` +
        `"binary" (got ${JSON.stringify(average)}). You may use labels: [posLabel] to specify a ` +
        "single positive class.",
      "UserWarning",
    );
  }
  return labels === undefined ? undefined : checkLabels(labels, t);
}

/**
 * {@link precisionRecallFscoreSupport} on targets already checked: the report uses it to share
 * one validation among its rows. `warnFor` names the ratios whose zero division warns.
 *
 * @example
 * ```ts
 * import { prfsChecked } from "./classification.ts";
 * import { checkTargets } from "./validation.ts";
 * import { MetricWarnings } from "./warnings.ts";
 * const t = checkTargets([0, 1, 1], [0, 1, 0]);
 * const r = prfsChecked(t, { average: "macro" }, ["f-score"], new MetricWarnings());
 * console.log(r.fscore.toFixed(3)); // "0.667"
 * ```
 */
export function prfsChecked(
  t: CheckedTargets,
  options: PrecisionRecallFscoreSupportOptions & { average: null },
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfPerClass;
export function prfsChecked(
  t: CheckedTargets,
  options: PrecisionRecallFscoreSupportOptions & { average: Average },
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfAveraged<null>;
export function prfsChecked(
  t: CheckedTargets,
  options: PrecisionRecallFscoreSupportOptions,
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfPerClass | PrfAveraged<null>;
export function prfsChecked(
  t: CheckedTargets,
  options: PrecisionRecallFscoreSupportOptions,
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfPerClass | PrfAveraged<null> {
  const { beta = 1, posLabel = 1, zeroDivision = "warn" } = options;
  const average = options.average === undefined ? null : options.average;
  checkZeroDivision(zeroDivision);
  if (typeof beta !== "number" || !(beta >= 0)) {
    throw new ArgumentError(
      "beta",
      beta,
      "must be >= 0 in the F-beta score",
      "use e.g. 0.5, 1 or 2",
    );
  }
  const chosen = setWiseLabels(t, average, options.labels, posLabel, warnings) ??
    presentLabels(t);
  const c = counts(t, chosen, average === "samples");
  if (average === null) {
    return prfFromCounts(c, { average, beta, zeroDivision, warnFor, warnings });
  }
  const r = prfFromCounts(c, { average, beta, zeroDivision, warnFor, warnings });
  // scikit-learn returns no support with an average.
  return { ...r, support: null };
}

/**
 * Precision, recall, F-beta score and support for each class, or averaged
 * (`sklearn.metrics.precision_recall_fscore_support`). As in scikit-learn, the default
 * `average` here is `null` (per-class arrays); `labels` picks and orders the classes.
 *
 * @example
 * ```ts
 * import { precisionRecallFscoreSupport } from "./classification.ts";
 * const yTrue = ["cat", "dog", "pig", "cat", "dog", "pig"];
 * const yPred = ["cat", "pig", "dog", "cat", "cat", "dog"];
 * const macro = precisionRecallFscoreSupport(yTrue, yPred, { average: "macro" });
 * console.log(macro.fscore.toFixed(3)); // "0.267"
 * const perClass = precisionRecallFscoreSupport(yTrue, yPred, { labels: ["pig", "dog", "cat"] });
 * console.log(perClass.support); // [2, 2, 2]
 * ```
 */
export function precisionRecallFscoreSupport(
  yTrue: Target,
  yPred: Target,
  options?: PrecisionRecallFscoreSupportOptions & { average?: null },
): PrfPerClass;
export function precisionRecallFscoreSupport(
  yTrue: Target,
  yPred: Target,
  options: PrecisionRecallFscoreSupportOptions & { average: Average },
): PrfAveraged<null>;
export function precisionRecallFscoreSupport(
  yTrue: Target,
  yPred: Target,
  options?: PrecisionRecallFscoreSupportOptions,
): PrfPerClass | PrfAveraged<null>;
export function precisionRecallFscoreSupport(
  yTrue: Target,
  yPred: Target,
  options: PrecisionRecallFscoreSupportOptions = {},
): PrfPerClass | PrfAveraged<null> {
  const warnings = new MetricWarnings();
  try {
    return prfsChecked(
      checkTargets(yTrue, yPred),
      options,
      ["precision", "recall", "f-score"],
      warnings,
    );
  } finally {
    warnings.flush();
  }
}

function score(
  yTrue: Target,
  yPred: Target,
  options: PrecisionRecallFscoreSupportOptions,
  metric: Metric,
): number | number[] {
  const average = options.average === undefined ? "binary" : options.average;
  const warnings = new MetricWarnings();
  try {
    const r = prfsChecked(checkTargets(yTrue, yPred), { ...options, average }, [metric], warnings);
    return metric === "precision" ? r.precision : metric === "recall" ? r.recall : r.fscore;
  } finally {
    warnings.flush();
  }
}

/** The options of a score function when it returns one score per class. */
export type PerClassOptions<O> = O & { average: null };

/**
 * Precision tp / (tp + fp) (`sklearn.metrics.precision_score`); `average` defaults to `"binary"`.
 *
 * @example
 * ```ts
 * import { precisionScore } from "./classification.ts";
 * console.log(precisionScore([0, 1, 1, 0], [1, 1, 1, 0])); // 0.6666666666666666
 * console.log(precisionScore([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: null })); // [0.6666666666666666, 0, 0]
 * ```
 */
export function precisionScore(
  yTrue: Target,
  yPred: Target,
  options: PerClassOptions<PrfOptions>,
): number[];
export function precisionScore(yTrue: Target, yPred: Target, options?: PrfOptions): number;
export function precisionScore(
  yTrue: Target,
  yPred: Target,
  options: PrfOptions = {},
): number | number[] {
  return score(yTrue, yPred, options, "precision");
}

/**
 * Recall tp / (tp + fn) (`sklearn.metrics.recall_score`); `average` defaults to `"binary"`.
 *
 * @example
 * ```ts
 * import { recallScore } from "./classification.ts";
 * console.log(recallScore([0, 1, 1, 0], [1, 1, 0, 0])); // 0.5
 * console.log(recallScore(["a", "b", "c"], ["a", "c", "c"], { average: "macro" })); // 0.6666666666666666
 * ```
 */
export function recallScore(
  yTrue: Target,
  yPred: Target,
  options: PerClassOptions<PrfOptions>,
): number[];
export function recallScore(yTrue: Target, yPred: Target, options?: PrfOptions): number;
export function recallScore(
  yTrue: Target,
  yPred: Target,
  options: PrfOptions = {},
): number | number[] {
  return score(yTrue, yPred, options, "recall");
}

/**
 * F1 score, the harmonic mean of precision and recall (`sklearn.metrics.f1_score`);
 * `average` defaults to `"binary"`.
 *
 * @example
 * ```ts
 * import { f1Score } from "./classification.ts";
 * console.log(f1Score([0, 1, 1, 0], [1, 1, 0, 0])); // 0.5
 * console.log(f1Score([[1, 0], [1, 1]], [[1, 0], [0, 1]], { average: "samples" })); // 0.8333333333333333
 * ```
 */
export function f1Score(
  yTrue: Target,
  yPred: Target,
  options: PerClassOptions<PrfOptions>,
): number[];
export function f1Score(yTrue: Target, yPred: Target, options?: PrfOptions): number;
export function f1Score(
  yTrue: Target,
  yPred: Target,
  options: PrfOptions = {},
): number | number[] {
  return score(yTrue, yPred, { ...options, beta: 1 }, "f-score");
}

/** Options of {@link fbetaScore}: {@link PrfOptions} plus the required `beta`. */
export interface FbetaOptions extends PrfOptions {
  /** Weight of recall against precision (β > 1 favours recall). */
  beta: number;
}

/**
 * F-beta score (1 + β²) · P · R / (β² · P + R) (`sklearn.metrics.fbeta_score`);
 * `average` defaults to `"binary"`.
 *
 * @example
 * ```ts
 * import { fbetaScore } from "./classification.ts";
 * console.log(fbetaScore([0, 1, 1, 1], [1, 1, 0, 0], { beta: 2 }).toFixed(4)); // "0.3571"
 * ```
 */
export function fbetaScore(
  yTrue: Target,
  yPred: Target,
  options: PerClassOptions<FbetaOptions>,
): number[];
export function fbetaScore(yTrue: Target, yPred: Target, options: FbetaOptions): number;
export function fbetaScore(yTrue: Target, yPred: Target, options: FbetaOptions): number | number[] {
  if (options?.beta === undefined) {
    throw new ArgumentError(
      "options.beta",
      undefined,
      "fbetaScore needs it",
      "pass e.g. { beta: 2 }",
    );
  }
  return score(yTrue, yPred, options, "f-score");
}

/** Options of {@link accuracyScore}. */
export interface AccuracyOptions {
  /** `true` (default): the fraction of correct samples; `false`: their number. */
  normalize?: boolean;
}

/**
 * Accuracy (`sklearn.metrics.accuracy_score`): the fraction of samples predicted exactly; for
 * multi-label rows, the whole row must match (subset accuracy).
 *
 * @example
 * ```ts
 * import { accuracyScore } from "./classification.ts";
 * console.log(accuracyScore(["a", "b", "c", "a"], ["a", "b", "b", "b"])); // 0.5
 * console.log(accuracyScore([[0, 1], [1, 1]], [[0, 1], [1, 0]], { normalize: false })); // 1
 * ```
 */
export function accuracyScore(
  yTrue: Target,
  yPred: Target,
  { normalize = true }: AccuracyOptions = {},
): number {
  const t = checkTargets(yTrue, yPred);
  let correct = 0;
  if (t.type === "multilabel-indicator") {
    t.yTrue.forEach((row, i) => {
      if (row.every((v, j) => v === t.yPred[i][j])) correct++;
    });
  } else {
    t.yTrue.forEach((v, i) => {
      if (v === t.yPred[i]) correct++;
    });
  }
  return normalize ? correct / t.yTrue.length : correct;
}
