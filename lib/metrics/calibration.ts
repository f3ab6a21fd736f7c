/**
 * Calibration: the reliability curve (`sklearn.calibration.calibration_curve`) and the expected
 * calibration error (no scikit-learn function; defined below).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { argmaxRow } from "../argmax.ts";
import { checkLabelArray, type Label, uniqueLabels } from "./validation.ts";

/** Options of {@link calibrationCurve}. */
export interface CalibrationCurveOptions {
  /** Number of bins (default 5). */
  nBins?: number;
  /** `"uniform"` (default): equal-width bins on [0, 1]; `"quantile"`: equally populated bins. */
  strategy?: "uniform" | "quantile";
  /** The positive class; needed unless `yTrue` holds {0, 1} or {-1, 1}. */
  posLabel?: Label;
}

/** One point per non-empty bin: the fraction of positives and the mean predicted probability. */
export interface CalibrationCurve {
  probTrue: number[];
  probPred: number[];
}

function checkNBins(nBins: number): void {
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new ArgumentError("nBins", nBins, "is not a positive integer", "use e.g. 10");
  }
}

function checkProbabilities(p: readonly number[], name: string): void {
  if (!Array.isArray(p)) {
    throw new ArgumentError(name, p, "is not an array", "pass an array of probabilities");
  }
  if (p.length === 0) {
    throw new ArgumentError(name, p, "is empty", "give one probability per sample");
  }
  p.forEach((v, i) => {
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      throw new ArgumentError(
        `${name}[${i}]`,
        v,
        "probabilities must lie in [0, 1]",
        "pass probabilities (softmax or sigmoid outputs), not logits",
      );
    }
  });
}

/** The positive class as scikit-learn's `_check_pos_label_consistency` infers it. */
function resolvePosLabel(yTrue: Label[], posLabel: Label | undefined): Label {
  const classes = uniqueLabels(yTrue);
  if (classes.length > 2) {
    throw new ArgumentError(
      "yTrue",
      yTrue,
      `has ${classes.length} classes (${
        JSON.stringify(classes)
      }): only binary targets are supported`,
      "pass one class against the rest as 0/1",
    );
  }
  if (posLabel !== undefined) return posLabel;
  const ok = [[0, 1], [-1, 1], [0], [-1], [1]].some((c) =>
    c.length === classes.length && c.every((v, i) => v === classes[i])
  );
  if (!ok) {
    throw new ArgumentError(
      "yTrue",
      yTrue,
      "posLabel is not given and the labels are not {0, 1} or {-1, 1}",
      "make yTrue take values in {0, 1} or {-1, 1}, or pass posLabel",
    );
  }
  return 1;
}

/** `numpy.linspace(0, 1, n + 1)`, bit for bit. */
function uniformEdges(nBins: number): number[] {
  const step = 1 / nBins;
  return Array.from({ length: nBins + 1 }, (_, i) => i === nBins ? 1 : i * step);
}

/** `numpy.percentile(values, linspace(0, 1, n + 1) * 100)` with the default linear method. */
function quantileEdges(values: readonly number[], nBins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return uniformEdges(nBins).map((q0) => {
    const q = (q0 * 100) / 100;
    const v = (n - 1) * q;
    if (v >= n - 1) return sorted[n - 1];
    const lo = Math.floor(v);
    const a = sorted[lo];
    const b = sorted[lo + 1];
    const g = v - lo;
    const d = b - a;
    return g >= 0.5 ? b - d * (1 - g) : a + d * g;
  });
}

/** Bin of each value: the number of inner edges strictly below it (`numpy.searchsorted`, left). */
function binIds(values: readonly number[], edges: number[]): number[] {
  const inner = edges.slice(1, -1);
  return values.map((v) => {
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inner[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}

/** Per-bin sums of the outcome and of the probability, and counts. */
function binSums(outcome: number[], prob: readonly number[], edges: number[]) {
  const ids = binIds(prob, edges);
  const m = edges.length;
  const sumTrue = Array(m).fill(0);
  const sumProb = Array(m).fill(0);
  const count = Array(m).fill(0);
  ids.forEach((b, i) => {
    sumTrue[b] += outcome[i];
    sumProb[b] += prob[i];
    count[b]++;
  });
  return { sumTrue, sumProb, count };
}

function checkLengths(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) {
    throw new ArgumentError(
      "yProb.length",
      b.length,
      `yTrue and yProb have different lengths: ${a.length} and ${b.length}`,
      "give one probability per true label",
    );
  }
}

/**
 * The reliability curve of a binary classifier (`sklearn.calibration.calibration_curve`): bins
 * the positive-class probabilities (a value on an inner edge goes to the lower bin) and returns,
 * for each non-empty bin, the fraction of positives (`probTrue`) and the mean probability
 * (`probPred`). Empty bins are dropped, so there can be fewer than `nBins` points.
 *
 * @example
 * ```ts
 * import { calibrationCurve } from "./calibration.ts";
 * const yTrue = [0, 0, 0, 0, 1, 1, 1, 1, 1];
 * const yProb = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1];
 * const { probTrue, probPred } = calibrationCurve(yTrue, yProb, { nBins: 3 });
 * console.log(probTrue, probPred.map((p) => p.toFixed(3))); // [0, 0.5, 1] ["0.200", "0.525", "0.850"]
 * ```
 */
export function calibrationCurve(
  yTrue: readonly Label[],
  yProb: readonly number[],
  { nBins = 5, strategy = "uniform", posLabel }: CalibrationCurveOptions = {},
): CalibrationCurve {
  const t = checkLabelArray(yTrue, "yTrue");
  checkProbabilities(yProb, "yProb");
  checkLengths(t, yProb);
  checkNBins(nBins);
  if (strategy !== "uniform" && strategy !== "quantile") {
    throw new ArgumentError(
      "strategy",
      strategy,
      "is not a binning strategy",
      'use "uniform" or "quantile"',
    );
  }
  const pos = resolvePosLabel(t, posLabel);
  const outcome = t.map((v) => v === pos ? 1 : 0);
  const edges = strategy === "uniform" ? uniformEdges(nBins) : quantileEdges(yProb, nBins);
  const { sumTrue, sumProb, count } = binSums(outcome, yProb, edges);
  const probTrue: number[] = [];
  const probPred: number[] = [];
  count.forEach((c, b) => {
    if (c === 0) return;
    probTrue.push(sumTrue[b] / c);
    probPred.push(sumProb[b] / c);
  });
  return { probTrue, probPred };
}

/** Options of {@link expectedCalibrationError}. */
export interface ExpectedCalibrationErrorOptions {
  /** Number of equal-width bins on [0, 1] (default 10). */
  nBins?: number;
  /** Binary input: the positive class (as in {@link calibrationCurve}). */
  posLabel?: Label;
  /** Multi-class input: the label of each probability column (default: 0 … K − 1). */
  labels?: readonly Label[];
}

/**
 * Expected calibration error with `nBins` equal-width bins (right-closed, as in
 * {@link calibrationCurve}):
 *
 *   ECE = Σ_b (n_b / N) · |outcome_b − confidence_b|
 *
 * where, over the n_b samples of bin b, confidence_b is the mean confidence and outcome_b the
 * fraction of successes. Binary input (`yProb` a list of positive-class probabilities): the
 * confidence is that probability and the success "the sample is positive" — the
 * count-weighted gap of the reliability curve. Multi-class input (`yProb` rows of class
 * probabilities): the confidence is the row's largest probability and the success "the
 * arg-max class (first on ties) is the true one" (Guo et al. 2017). scikit-learn has no such
 * function; the golden vectors come from a numpy version in tests/golden/metrics/make_metrics.py.
 *
 * @example
 * ```ts
 * import { expectedCalibrationError } from "./calibration.ts";
 * console.log(expectedCalibrationError([0, 1, 1, 0], [0.2, 0.8, 0.6, 0.4], { nBins: 2 }).toFixed(2)); // "0.30"
 * const probs = [[0.9, 0.1], [0.3, 0.7], [0.6, 0.4]];
 * console.log(expectedCalibrationError([0, 1, 1], probs, { nBins: 10 }).toFixed(4)); // "0.3333"
 * ```
 */
export function expectedCalibrationError(
  yTrue: readonly Label[],
  yProb: readonly number[] | readonly (readonly number[])[],
  { nBins = 10, posLabel, labels }: ExpectedCalibrationErrorOptions = {},
): number {
  const t = checkLabelArray(yTrue, "yTrue");
  checkNBins(nBins);
  checkLengths(t, yProb);
  let outcome: number[];
  let confidence: number[];
  if (Array.isArray(yProb[0])) {
    const rows = yProb as readonly (readonly number[])[];
    const k = rows[0].length;
    const cols = labels === undefined ? Array.from({ length: k }, (_, i) => i) : [...labels];
    if (cols.length !== k) {
      throw new ArgumentError(
        "labels",
        cols,
        `has ${cols.length} entries but yProb rows have ${k} columns`,
        "give one label per column of yProb",
      );
    }
    const known = new Set<Label>(cols);
    t.forEach((v, i) => {
      if (!known.has(v)) {
        throw new ArgumentError(
          `yTrue[${i}]`,
          v,
          `is not one of the columns' labels ${JSON.stringify(cols)}`,
          "pass labels that name every class of yTrue",
        );
      }
    });
    confidence = [];
    outcome = rows.map((row, i) => {
      if (!Array.isArray(row) || row.length !== k) {
        throw new ArgumentError(
          `yProb[${i}]`,
          row,
          `is not a row of ${k} probabilities`,
          "give every row one probability per class",
        );
      }
      checkProbabilities(row, `yProb[${i}]`);
      const sum = row.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-3) {
        throw new ArgumentError(
          `yProb[${i}]`,
          row,
          `sums to ${sum}, not 1`,
          "pass softmax probabilities",
        );
      }
      const best = argmaxRow(row);
      confidence.push(row[best]);
      return cols[best] === t[i] ? 1 : 0;
    });
  } else {
    confidence = yProb as number[];
    checkProbabilities(confidence, "yProb");
    const pos = resolvePosLabel(t, posLabel);
    outcome = t.map((v) => v === pos ? 1 : 0);
  }
  const { sumTrue, sumProb } = binSums(outcome, confidence, uniformEdges(nBins));
  let gap = 0;
  sumTrue.forEach((s, b) => gap += Math.abs(s - sumProb[b]));
  return gap / t.length;
}
