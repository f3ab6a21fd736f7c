// Public cases of the multi-label thresholds exercise. Expected values come from the kit's
// lib/metrics/thresholds.ts and its F-scores (checked against scikit-learn 1.2 in
// tests/golden/metrics), computed in the grader when a case is checked.
import { f1Score } from "../../lib/metrics/classification.ts";
import { applyThresholds, tuneThresholds } from "../../lib/metrics/thresholds.ts";
import { expectClose, expectEqual, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "multilabel_thresholds",
  title: "Multi-label decisions: global and per-label thresholds, micro/macro F1",
  chapter: "Section 16.6 (multi-label classification), Exercise 14.6.5",
  forbid: {
    "lib/metrics/thresholds.ts": ["applyThresholds", "tuneThresholds"],
    "lib/metrics/classification.ts": ["f1Score", "fbetaScore", "precisionRecallFscoreSupport"],
  },
};

/** scikit-learn's micro, macro and per-label F1 (zero_division=0) by the kit's metrics. */
export function sklearnF1(targets: number[][], preds: number[][]) {
  const opts = { zeroDivision: 0 } as const;
  return {
    micro: f1Score(targets, preds, { ...opts, average: "micro" }),
    macro: f1Score(targets, preds, { ...opts, average: "macro" }),
    perLabel: f1Score(targets, preds, { ...opts, average: null }),
  };
}

/** `f1Scores(targets, preds)` gives scikit-learn's values for `keys`. */
export function f1Check(
  targets: number[][],
  preds: number[][],
  keys: ("micro" | "macro" | "perLabel")[],
): Case["check"] {
  return (outcome) => {
    const all = sklearnF1(targets, preds);
    const value = outcome.ok ? outcome.value as Record<string, unknown> | null : null;
    const pick = (o: Record<string, unknown> | null) =>
      Object.fromEntries(keys.map((k) => [k, o?.[k] ?? null]));
    expectClose(pick(all), { atol: 1e-12 })(
      outcome.ok ? { ok: true, value: pick(value) } : outcome,
    );
  };
}

/** `compareThresholds(...)` as the kit computes it. */
export function compareCheck(
  valProbs: number[][],
  valTargets: number[][],
  testProbs: number[][],
  testTargets: number[][],
): Case["check"] {
  return (outcome) => {
    const thresholds = tuneThresholds(valProbs, valTargets);
    const score = (t: number | number[]) => {
      const { micro, macro } = sklearnF1(testTargets, applyThresholds(testProbs, t));
      return { micro, macro };
    };
    expectClose({ thresholds, global: score(0.5), tuned: score(thresholds) }, { atol: 1e-12 })(
      outcome,
    );
  };
}

/** A small validation set: label 0 common, label 1 rare with low probabilities. */
export const val = {
  probs: [[0.9, 0.3], [0.2, 0.25], [0.8, 0.1], [0.1, 0.05], [0.6, 0.4], [0.3, 0.2]],
  targets: [[1, 1], [0, 1], [1, 0], [0, 0], [1, 1], [0, 0]],
};

export const cases: Case[] = [
  {
    name: "applyThresholds, one global threshold",
    points: 1,
    call: "applyThresholds",
    args: [[[0.7, 0.2, 0.9], [0.4, 0.6, 0.1]], 0.5],
    check: expectEqual([[1, 0, 1], [0, 1, 0]]),
  },
  {
    name: "applyThresholds per label: a probability equal to its threshold is a yes",
    points: 1,
    call: "applyThresholds",
    args: [[[0.7, 0.2], [0.5, 0.35], [0.45, 0.3]], [0.5, 0.3]],
    check: (o) =>
      expectEqual(applyThresholds([[0.7, 0.2], [0.5, 0.35], [0.45, 0.3]], [0.5, 0.3]))(o),
  },
  {
    name: "tuneThresholds: the rare label's threshold drops",
    points: 2,
    call: "tuneThresholds",
    args: [val.probs, val.targets],
    check: (o) => expectClose(tuneThresholds(val.probs, val.targets), { atol: 1e-12 })(o),
  },
  {
    name: "f1Scores: micro F1",
    points: 1,
    call: "f1Scores",
    args: [val.targets, applyThresholds(val.probs, 0.5)],
    check: f1Check(val.targets, applyThresholds(val.probs, 0.5), ["micro"]),
  },
  {
    name: "f1Scores: macro and per-label F1",
    points: 1,
    call: "f1Scores",
    args: [val.targets, applyThresholds(val.probs, 0.5)],
    check: f1Check(val.targets, applyThresholds(val.probs, 0.5), ["macro", "perLabel"]),
  },
  {
    name: "thresholds of the wrong length is an error naming thresholds",
    points: 1,
    call: "applyThresholds",
    args: [val.probs, [0.5, 0.5, 0.5]],
    check: expectThrows(/thresholds/),
  },
];
