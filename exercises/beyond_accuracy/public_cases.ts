// Public cases of the evaluation exercise (expected values: the kit's scikit-learn-checked metrics).
import { confusionMatrix } from "../../lib/metrics/confusion.ts";
import { precisionRecallFscoreSupport } from "../../lib/metrics/classification.ts";
import { expectClose, expectThrows, expectValue } from "../../lib/grade/expect.ts";
import { assertAllClose } from "../../lib/testing/assert.ts";
import type { Case, ExerciseSpec, Json } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "beyond_accuracy",
  title: "Per-class report, macro-F1 and confusion matrix",
  chapter: "Exercise 14.6.5",
  forbid: {
    "lib/metrics/classification.ts": [
      "accuracyScore",
      "precisionRecallFscoreSupport",
      "f1Score",
      "fbetaScore",
      "precisionScore",
      "recallScore",
    ],
    "lib/metrics/confusion.ts": ["confusionMatrix"],
    "lib/metrics/report.ts": ["classificationReport"],
  },
};

/** Cases that each check one field of evaluate(yTrue, yPred, k) against scikit-learn's values. */
export function fieldCases(yTrue: number[], yPred: number[], k: number, tag: string): Case[] {
  const labels = [...Array(k).keys()];
  const per = precisionRecallFscoreSupport(yTrue, yPred, { labels, zeroDivision: 0 });
  const macro = precisionRecallFscoreSupport(yTrue, yPred, {
    labels,
    average: "macro",
    zeroDivision: 0,
  });
  const weighted = precisionRecallFscoreSupport(yTrue, yPred, {
    labels,
    average: "weighted",
    zeroDivision: 0,
  });
  const field = (key: string, expected: unknown) =>
    expectValue((v) =>
      assertAllClose((v as Record<string, unknown>)[key], expected, { atol: 1e-9 })
    );
  const args: Json[] = [yTrue, yPred, k];
  const c = (name: string, points: number, check: Case["check"]): Case => ({
    name: `${tag}: ${name}`,
    points,
    call: "evaluate",
    args,
    check,
  });
  const accuracy = yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length;
  return [
    c("accuracy", 1, field("accuracy", accuracy)),
    c("per-class precision and recall", 1, (o) => {
      field("precision", per.precision)(o);
      field("recall", per.recall)(o);
    }),
    c("per-class f1 and support", 1, (o) => {
      field("f1", per.fscore)(o);
      field("support", per.support)(o);
    }),
    c("macro F1 (mean of per-class F1)", 2, field("macroF1", macro.fscore)),
    c("weighted F1", 1, field("weightedF1", weighted.fscore)),
    c(
      "confusion matrix (rows: truth)",
      2,
      field("confusion", confusionMatrix(yTrue, yPred, { labels })),
    ),
  ];
}

export const cases: Case[] = [
  ...fieldCases([0, 0, 0, 0, 1, 2], [0, 0, 0, 0, 0, 2], 3, "doc example"),
  {
    name: "different lengths are an error",
    points: 1,
    call: "evaluate",
    args: [[0, 1], [0], 2],
    check: expectThrows(/length/),
  },
  {
    name: "accuracy of a majority-class predictor on 90/10 data",
    points: 1,
    call: "evaluate",
    args: [[...Array(9).fill(0), 1], Array(10).fill(0), 2],
    check: expectValue((v) =>
      expectClose(0.9)({ ok: true, value: (v as { accuracy: number }).accuracy })
    ),
  },
];
