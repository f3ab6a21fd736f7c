/**
 * seqeval's `classification_report`: the text table (byte for byte seqeval's `StringReporter`
 * layout) or a dict, built from the same {@linkcode entityCounts} the scores divide.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { type ReportRow, reportRow, reportRows } from "../metrics/prf.ts";
import { formatFixed, padStartPy } from "../metrics/pyformat.ts";
import { MetricWarnings } from "../metrics/warnings.ts";
import type { Sequences } from "./input.ts";
import { type Average, entityCounts, scoreCounts, type ScoreOptions } from "./scores.ts";

export type { ReportRow } from "../metrics/prf.ts";

/** Options of {@linkcode classificationReport}: seqeval's parameters in camelCase. */
export interface ReportOptions extends Omit<ScoreOptions, "average"> {
  /**
   * Decimals of the text (default 2). With `outputDict`, values are rounded to `digits` only
   * when `digits` is given (seqeval ignores it there).
   */
  digits?: number;
  /** Return `{ [row]: { precision, recall, "f1-score", support } }` instead of text. */
  outputDict?: boolean;
}

/** The dict report: one row per entity type, then `micro avg`, `macro avg`, `weighted avg`. */
export type ReportDict = Record<string, ReportRow>;

const HEADERS = ["precision", "recall", "f1-score", "support"];
const AVERAGES: Average[] = ["micro", "macro", "weighted"];

/**
 * Per-type precision, recall, F1 and support, then the micro, macro and weighted averages, as
 * seqeval's `classification_report` prints them (or returns them with `outputDict`). The scheme
 * of `mode: "strict"` is detected from `yTrue` when absent, as in the score functions.
 *
 * Differences from seqeval: numbers are rounded half-to-even exactly as Python's format does;
 * with no entity at all the report still prints (seqeval raises); `digits` rounds the dict.
 *
 * @example
 * ```ts
 * import { classificationReport } from "./report.ts";
 * const yTrue = [["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];
 * const yPred = [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];
 * console.log(classificationReport(yTrue, yPred));
 * //               precision    recall  f1-score   support
 * //
 * //         MISC       0.00      0.00      0.00         1
 * //          PER       1.00      1.00      1.00         1
 * //
 * //    micro avg       0.50      0.50      0.50         2
 * //    macro avg       0.50      0.50      0.50         2
 * // weighted avg       0.50      0.50      0.50         2
 * const dict = classificationReport(yTrue, yPred, { outputDict: true });
 * console.log(dict["PER"]["f1-score"]); // 1
 * ```
 */
export function classificationReport(
  yTrue: Sequences,
  yPred: Sequences,
  options: ReportOptions & { outputDict: true },
): ReportDict;
export function classificationReport(
  yTrue: Sequences,
  yPred: Sequences,
  options?: ReportOptions & { outputDict?: false },
): string;
export function classificationReport(
  yTrue: Sequences,
  yPred: Sequences,
  options?: ReportOptions,
): string | ReportDict;
export function classificationReport(
  yTrue: Sequences,
  yPred: Sequences,
  options: ReportOptions = {},
): string | ReportDict {
  const { digits, outputDict = false } = options;
  if (digits !== undefined && !(Number.isInteger(digits) && digits >= 0 && digits <= 20)) {
    throw new ArgumentError("digits", digits, "is not an integer from 0 to 20", "use e.g. 2 or 4");
  }
  const counts = entityCounts(yTrue, yPred, options);
  const warnings = new MetricWarnings();
  const all = ["precision", "recall", "f-score"] as const;
  const rows: [string, ReportRow][] = [];
  try {
    const perType = scoreCounts(counts, { ...options, average: null }, null, all, warnings);
    reportRows(perType).forEach((row, i) => rows.push([counts.labels[i], row]));
    for (const average of AVERAGES) {
      const avg = scoreCounts(counts, { ...options, average }, null, all, warnings);
      rows.push([`${average} avg`, reportRow(avg)]);
    }
  } finally {
    warnings.flush();
  }
  if (outputDict) {
    const round = (x: number) => (digits === undefined ? x : Number(formatFixed(x, digits)));
    const dict: ReportDict = {};
    for (const [name, r] of rows) {
      dict[name] = {
        precision: round(r.precision),
        recall: round(r.recall),
        "f1-score": round(r["f1-score"]),
        support: r.support,
      };
    }
    return dict;
  }
  return formatReport(rows, counts.labels.length, digits ?? 2);
}

/** seqeval's `StringReporter`: rows right-aligned to the longest name, blank line after each block. */
function formatReport(rows: [string, ReportRow][], types: number, digits: number): string {
  const width = Math.max(...rows.map(([name]) => [...name].length), digits);
  const lines = [
    [padStartPy("", width), "", ...HEADERS.map((h) => padStartPy(h, 9))].join(" ") + "\n",
  ];
  rows.forEach(([name, r], i) => {
    if (i === types) lines.push("");
    const numbers = [r.precision, r.recall, r["f1-score"]].map((x) =>
      padStartPy(formatFixed(x, digits), 9)
    );
    lines.push(
      [padStartPy(name, width), "", ...numbers, padStartPy(String(r.support), 9)].join(" "),
    );
  });
  lines.push("");
  return lines.join("\n");
}
