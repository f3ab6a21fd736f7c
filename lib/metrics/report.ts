/**
 * The classification report (`sklearn.metrics.classification_report`): the text is scikit-learn's
 * byte for byte, built from the same numbers as `precisionRecallFscoreSupport`.
 * @module
 */
import { ArgumentError, showValue } from "../errors.ts";
import { presentLabels, prfsChecked } from "./classification.ts";
import { type Average, type ReportRow, reportRow, reportRows, type ZeroDivision } from "./prf.ts";
import { formatFixed, padStartPy } from "./pyformat.ts";
import {
  checkLabels,
  checkTargets,
  type Id2Label,
  idLabels,
  type Label,
  type Target,
} from "./validation.ts";
import { MetricWarnings } from "./warnings.ts";

export type { ReportRow } from "./prf.ts";

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  /** The classes to report, in this order (default: every label present). */
  labels?: readonly Label[];
  /** Display names for the labels, same length and order. */
  targetNames?: readonly string[];
  /**
   * Label names by id (a model's `config.id2label` or `labelNames`): every id 0..k-1 in order
   * under its name, as `labels: [0..k-1], targetNames: names`; not with those two. The targets
   * must be those ids (an id outside 0..k-1 is an error, not a dropped sample).
   */
  id2label?: Id2Label;
  /** Digits after the decimal point in the text (default 2); the dict is never rounded. */
  digits?: number;
  /** Return the numbers as an object instead of the text. */
  outputDict?: boolean;
  /** Value of ill-defined ratios, as in `precisionRecallFscoreSupport`. */
  zeroDivision?: ZeroDivision;
}

/**
 * The report as an object: one {@link ReportRow} per class name and per average
 * (`"micro avg"`, `"macro avg"`, `"weighted avg"`, `"samples avg"`), and `accuracy` as a number
 * where the micro average is the accuracy (single-label targets, all labels reported).
 */
export type ClassificationReportDict = Record<string, ReportRow | number>;

const HEADERS = ["precision", "recall", "f1-score", "support"];

/**
 * Builds the text report of precision, recall, F1 and support per class plus the averages,
 * exactly as scikit-learn 1.2 prints it (`digits`, column widths, the `accuracy` row for
 * single-label targets, `micro avg` / `samples avg` rows for multi-label ones).
 * Unlike scikit-learn, `targetNames` of the wrong length is an error even with `labels` given
 * (scikit-learn warns and silently drops rows).
 *
 * @example
 * ```ts
 * import { classificationReport } from "./report.ts";
 * const text = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], {
 *   targetNames: ["class 0", "class 1", "class 2"],
 * });
 * console.log(text.split("\n")[2]); // "     class 0       0.50      1.00      0.67         1"
 * const byId = classificationReport([0, 1, 1], [0, 1, 0], { id2label: { 0: "neg", 1: "pos" } });
 * console.log(byId.split("\n")[3]); // "         pos       1.00      0.50      0.67         2"
 * const dict = classificationReport(["a", "b"], ["a", "a"], { outputDict: true, zeroDivision: 0 });
 * console.log(dict.accuracy); // 0.5
 * ```
 */
export function classificationReport(
  yTrue: Target,
  yPred: Target,
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportDict;
export function classificationReport(
  yTrue: Target,
  yPred: Target,
  options?: ClassificationReportOptions & { outputDict?: false },
): string;
export function classificationReport(
  yTrue: Target,
  yPred: Target,
  options?: ClassificationReportOptions,
): string | ClassificationReportDict;
export function classificationReport(
  yTrue: Target,
  yPred: Target,
  options: ClassificationReportOptions = {},
): string | ClassificationReportDict {
  const { digits = 2, outputDict = false, zeroDivision = "warn" } = options;
  if (!Number.isInteger(digits) || digits < 0) {
    throw new ArgumentError("digits", digits, "is not an integer >= 0", "use e.g. 2");
  }
  const t = checkTargets(yTrue, yPred);
  const byId = options.id2label === undefined ? undefined : idLabels(options.id2label, options, t);
  const given = byId?.labels ?? options.labels;
  const present = presentLabels(t);
  const labels = given === undefined ? present : checkLabels(given, t);
  const microIsAccuracy = t.type !== "multilabel-indicator" &&
    (given === undefined ||
      (new Set(labels).size === present.length && present.every((l) => labels.includes(l))));
  const targetNames = byId?.names ?? options.targetNames;
  const names = targetNames === undefined ? labels.map(String) : [...targetNames];
  if (names.length !== labels.length) {
    throw new ArgumentError(
      "targetNames",
      targetNames,
      `has ${names.length} names for ${labels.length} classes ${showValue(labels)}`,
      "give one name per label or set labels",
    );
  }
  const warnings = new MetricWarnings();
  try {
    const all = ["precision", "recall", "f-score"] as const;
    const perClass = prfsChecked(t, { labels, average: null, zeroDivision }, all, warnings);
    const averages: Average[] = t.type === "multilabel-indicator"
      ? ["micro", "macro", "weighted", "samples"]
      : ["micro", "macro", "weighted"];
    const totalSupport = perClass.support.reduce((a, b) => a + b, 0);
    const avgRows = averages.map((average) => {
      const r = prfsChecked(t, { labels, average, zeroDivision }, all, warnings);
      const heading = average === "micro" && microIsAccuracy ? "accuracy" : `${average} avg`;
      // scikit-learn's report shows the total support beside each average.
      return [heading, reportRow({ ...r, support: totalSupport })] as const;
    });
    const rows = reportRows(perClass);
    const classRows = names.map((name, i) => [name, rows[i]] as const);
    if (outputDict) {
      const dict: ClassificationReportDict = {};
      for (const [name, row] of [...classRows, ...avgRows]) {
        dict[name] = name === "accuracy" ? row.precision : row;
      }
      return dict;
    }
    const width = Math.max(...names.map((n) => [...n].length), "weighted avg".length, digits);
    const cell = (s: string) => " " + padStartPy(s, 9);
    const line = (name: string, cells: string[]) =>
      padStartPy(name, width) + " " + cells.map(cell).join("") + "\n";
    const fmt = (x: number) => formatFixed(x, digits);
    const rowCells = (
      r: ReportRow,
    ) => [fmt(r.precision), fmt(r.recall), fmt(r["f1-score"]), String(r.support)];
    let text = padStartPy("", width) + " " + HEADERS.map(cell).join("") + "\n\n";
    for (const [name, row] of classRows) text += line(name, rowCells(row));
    text += "\n";
    for (const [name, row] of avgRows) {
      text += name === "accuracy"
        ? line(name, ["", "", fmt(row["f1-score"]), String(row.support)])
        : line(name, rowCells(row));
    }
    return text;
  } finally {
    warnings.flush();
  }
}
