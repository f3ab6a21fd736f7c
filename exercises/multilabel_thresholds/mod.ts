/**
 * # Multi-label thresholds (Section 16.6: multi-label classification)
 *
 * A multi-label head gives one sigmoid probability per label; a label is predicted when its
 * probability reaches a threshold. 0.5 for every label is the default, but rare labels get low
 * probabilities, and one threshold per label, tuned on validation data (never on the test set),
 * recovers much of their F1. Write, with `probs` one row of probabilities per example and
 * `targets` one multi-hot row (0s and 1s) per example:
 *
 * - `applyThresholds(probs, thresholds)`: 1 where `p >= t` (a probability equal to the threshold
 *   is a yes), else 0; `thresholds` is one number for all labels or one per label.
 * - `tuneThresholds(probs, targets, candidates)`: for each label on its own, the candidate with the
 *   highest F1 of that label; among equal F1s, the candidate closest to 0.5, and among those the
 *   first in `candidates`. So a label whose F1 is 0 at every candidate (e.g. one without positives)
 *   gets the candidate closest to 0.5. `candidates` defaults to 0.05, 0.10, …, 0.95 (19 values,
 *   `Math.round(k * 5) / 100` for k = 1 … 19).
 * - `f1Scores(targets, preds)` → `{ micro, macro, perLabel }`, scikit-learn's `f1_score` with
 *   `average="micro"`, `"macro"` and `None`, `zero_division=0`: a label's F1 is
 *   2·TP / (2·TP + FP + FN), 0 when TP = 0; micro pools TP, FP, FN over labels; macro is the plain
 *   mean over **all** labels — a label with no positives in `targets` counts (with F1 0).
 * - `compareThresholds(valProbs, valTargets, testProbs, testTargets)` →
 *   `{ thresholds, global: { micro, macro }, tuned: { micro, macro } }`: the thresholds tuned on
 *   the validation set (default candidates), and the test set's micro and macro F1 with 0.5 for
 *   every label and with the tuned thresholds.
 *
 * Errors (the message names the argument): `thresholds` of another length than a row of `probs`
 * (`thresholds`); a target that is not 0 or 1 (`targets`).
 *
 * Example: `applyThresholds([[0.7, 0.2], [0.5, 0.35]], [0.5, 0.3])` → `[[1, 0], [1, 1]]`;
 * `f1Scores([[1, 0], [1, 1]], [[1, 0], [0, 1]])` → `{ micro: 0.8, macro: 5 / 6, perLabel:
 * [2 / 3, 1] }`.
 *
 * Off limits: the kit's `applyThresholds` and `tuneThresholds` (lib/metrics/thresholds.ts) and
 * its F-scores (`f1Score`, `fbetaScore`, `precisionRecallFscoreSupport` in
 * lib/metrics/classification.ts).
 *
 * Self-check: `deno test exercises/multilabel_thresholds/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** 1 where a probability reaches its label's threshold (`>=`), else 0. */
export function applyThresholds(_probs: number[][], _thresholds: number | number[]): number[][] {
  throw new NotImplementedError("multilabel_thresholds: applyThresholds");
}

/** Per label, the candidate with the best F1; ties: closest to 0.5, then first. */
export function tuneThresholds(
  _probs: number[][],
  _targets: number[][],
  _candidates?: number[],
): number[] {
  throw new NotImplementedError("multilabel_thresholds: tuneThresholds");
}

/** Micro, macro (all labels, zero-division 0) and per-label F1 of multi-hot predictions. */
export function f1Scores(
  _targets: number[][],
  _preds: number[][],
): { micro: number; macro: number; perLabel: number[] } {
  throw new NotImplementedError("multilabel_thresholds: f1Scores");
}

/** Global 0.5 against thresholds tuned on validation, both scored on the test set. */
export function compareThresholds(
  _valProbs: number[][],
  _valTargets: number[][],
  _testProbs: number[][],
  _testTargets: number[][],
): {
  thresholds: number[];
  global: { micro: number; macro: number };
  tuned: { micro: number; macro: number };
} {
  throw new NotImplementedError("multilabel_thresholds: compareThresholds");
}
