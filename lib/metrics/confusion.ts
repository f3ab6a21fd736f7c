/**
 * The confusion matrix (`sklearn.metrics.confusion_matrix`).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import {
  checkLabels,
  checkTargets,
  type Id2Label,
  idLabels,
  type Label,
  uniqueLabels,
} from "./validation.ts";

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** Rows and columns, in this order (default: the sorted labels present in either input). */
  labels?: readonly Label[];
  /** Label names by id (a model's `config.id2label`): rows and columns 0..k-1; not with `labels`. */
  id2label?: Id2Label;
  /** Divide by each row's sum (`"true"`), each column's (`"pred"`) or the total (`"all"`). */
  normalize?: "true" | "pred" | "all";
}

/**
 * Counts `C[i][j]` of samples of true class `labels[i]` predicted as `labels[j]`. Samples whose
 * true or predicted label is not in `labels` are left out; a normalized row or column with no
 * samples is 0 (as scikit-learn's `nan_to_num`).
 *
 * @example
 * ```ts
 * import { confusionMatrix } from "./confusion.ts";
 * const yTrue = ["cat", "ant", "cat", "cat", "ant", "bird"];
 * const yPred = ["ant", "ant", "cat", "cat", "ant", "cat"];
 * console.log(confusionMatrix(yTrue, yPred)); // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * console.log(confusionMatrix(yTrue, yPred, { normalize: "true" })[0]); // [1, 0, 0]
 * console.log(confusionMatrix([0, 0], [0, 0], { id2label: ["neg", "pos"] })); // [[2, 0], [0, 0]]
 * ```
 */
export function confusionMatrix(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ConfusionMatrixOptions = {},
): number[][] {
  const t = checkTargets(yTrue, yPred);
  if (t.type === "multilabel-indicator") {
    throw new ArgumentError(
      "yTrue",
      yTrue,
      "holds multi-label indicator rows, which confusionMatrix does not take",
      "pass one label per sample, or count each label's column as its own binary target",
    );
  }
  const { normalize } = options;
  if (normalize !== undefined && !["true", "pred", "all"].includes(normalize)) {
    throw new ArgumentError(
      "normalize",
      normalize,
      "is not a way to normalize",
      'use "true", "pred" or "all", or leave it out for counts',
    );
  }
  const given = options.id2label === undefined
    ? options.labels
    : idLabels(options.id2label, options, t).labels;
  let labels: Label[];
  if (given === undefined) {
    labels = uniqueLabels(t.yTrue, t.yPred);
  } else {
    labels = checkLabels(given, t);
    const present = new Set(t.yTrue);
    if (!labels.some((l) => present.has(l))) {
      throw new ArgumentError(
        "labels",
        labels,
        "none of them occurs in yTrue (at least one must)",
        "add a label that yTrue holds, or leave labels out",
      );
    }
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const n = labels.length;
  const cm = Array.from({ length: n }, () => Array<number>(n).fill(0));
  t.yTrue.forEach((yt, s) => {
    const i = index.get(yt);
    const j = index.get(t.yPred[s]);
    if (i !== undefined && j !== undefined) cm[i][j]++;
  });
  if (normalize === undefined) return cm;
  const rowSums = cm.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = labels.map((_, j) => cm.reduce((a, r) => a + r[j], 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  const safe = (x: number, d: number) => d === 0 ? 0 : x / d;
  return cm.map((r, i) =>
    r.map((x, j) =>
      safe(x, normalize === "true" ? rowSums[i] : normalize === "pred" ? colSums[j] : total)
    )
  );
}
