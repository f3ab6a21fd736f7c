/**
 * Decision thresholds for multi-label classification: a sigmoid output per tag becomes a yes/no
 * by a threshold, 0.5 by default. With rare tags the model's probabilities sit low, and a
 * threshold per tag chosen on validation data (never on the test set) recovers much of their F1.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** Options of {@link tuneThresholds}. */
export interface TuneThresholdsOptions {
  /** Thresholds to try (default 0.05, 0.10, …, 0.95). */
  candidates?: readonly number[];
}

const DEFAULT_CANDIDATES = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

function checkMatrix(fn: string, name: string, m: readonly (readonly number[])[]): number {
  if (!Array.isArray(m) || m.length === 0) {
    throw new ArgumentError(name, m, `${fn} needs a non-empty matrix`, "give one row per sample");
  }
  const width = m[0]?.length;
  m.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width || width === 0) {
      throw new ArgumentError(
        `${name}[${i}]`,
        row,
        `${fn} needs a row of ${width} numbers`,
        "give every row one number per label",
      );
    }
    const bad = row.findIndex((x) => typeof x !== "number" || Number.isNaN(x));
    if (bad >= 0) {
      throw new ArgumentError(
        `${name}[${i}][${bad}]`,
        row[bad],
        `is not a number (${fn})`,
        "drop or fix that sample",
      );
    }
  });
  return width;
}

/**
 * Multi-hot predictions: 1 where a score reaches its tag's threshold (`>=`).
 *
 * @param scores one row of probabilities per example.
 * @param thresholds one threshold per tag, or one for all.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { applyThresholds } from "./thresholds.ts";
 * const p = applyThresholds([[0.7, 0.2], [0.4, 0.35]], [0.5, 0.3]);
 * assertEquals(JSON.stringify(p), "[[1,0],[0,1]]");
 * ```
 */
export function applyThresholds(
  scores: readonly (readonly number[])[],
  thresholds: number | readonly number[],
): number[][] {
  const fn = "applyThresholds";
  const width = checkMatrix(fn, "scores", scores);
  const t = typeof thresholds === "number" ? new Array<number>(width).fill(thresholds) : thresholds;
  if (!Array.isArray(t) || t.length !== width || t.some((x) => !Number.isFinite(x))) {
    throw new ArgumentError(
      "thresholds",
      thresholds,
      `${fn} needs a finite number or ${width} of them`,
      "give one threshold, or one per label",
    );
  }
  return scores.map((row) => row.map((p, k) => (p >= t[k] ? 1 : 0)));
}

/**
 * For each tag, the candidate threshold with the best F1 of that tag on the given (validation)
 * data; among equal F1s, the one closest to 0.5 (so a tag whose F1 is 0 everywhere, e.g. one
 * without positives, gets the candidate closest to 0.5).
 *
 * @param scores one row of probabilities per example.
 * @param targets one multi-hot row per example.
 * @returns one threshold per tag.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tuneThresholds } from "./thresholds.ts";
 * // Tag 0 is found at 0.5; tag 1's positives score only 0.3 and 0.25.
 * const scores = [[0.9, 0.3], [0.2, 0.25], [0.8, 0.1], [0.1, 0.05]];
 * const targets = [[1, 1], [0, 1], [1, 0], [0, 0]];
 * const t = tuneThresholds(scores, targets, { candidates: [0.2, 0.5] });
 * assertEquals(t.join(), "0.5,0.2");
 * ```
 */
export function tuneThresholds(
  scores: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  { candidates = DEFAULT_CANDIDATES }: TuneThresholdsOptions = {},
): number[] {
  const fn = "tuneThresholds";
  const width = checkMatrix(fn, "scores", scores);
  checkMatrix(fn, "targets", targets);
  if (targets.length !== scores.length || targets[0].length !== width) {
    throw new ArgumentError(
      "targets",
      targets,
      `is ${targets.length} × ${
        targets[0].length
      } but scores is ${scores.length} × ${width} (${fn})`,
      "give one target row per score row, one column per label",
    );
  }
  targets.forEach((row, i) => {
    const bad = row.findIndex((y) => y !== 0 && y !== 1);
    if (bad >= 0) {
      throw new ArgumentError(
        `targets[${i}][${bad}]`,
        row[bad],
        `is not 0 or 1 (${fn})`,
        "mark each label 1 (present) or 0 (absent)",
      );
    }
  });
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new ArgumentError(
      "candidates",
      candidates,
      `${fn} needs a non-empty array of thresholds`,
      "give e.g. [0.1, 0.2, …, 0.9]",
    );
  }
  return Array.from({ length: width }, (_, k) => {
    let best = 0.5;
    let bestF1 = -1;
    for (const t of candidates) {
      let tp = 0, fp = 0, fn_ = 0;
      scores.forEach((row, i) => {
        const pred = row[k] >= t;
        const yes = targets[i][k] === 1;
        if (pred && yes) tp++;
        else if (pred) fp++;
        else if (yes) fn_++;
      });
      const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn_);
      const closer = Math.abs(t - 0.5) < Math.abs(best - 0.5);
      if (f1 > bestF1 || (f1 === bestF1 && closer)) {
        best = t;
        bestF1 = f1;
      }
    }
    return best;
  });
}
