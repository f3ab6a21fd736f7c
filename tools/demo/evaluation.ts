/**
 * Exercise 14.6.5 (evaluation beyond accuracy): the answer sketch's example — when 90 % of the
 * examples are "neutral", always predicting "neutral" scores 90 % accuracy — with the numbers
 * that expose it: macro F1 and the other class's recall.
 * @module
 */
import { accuracyScore, f1Score, recallScore } from "../../lib/metrics/mod.ts";
import type { ReproRow } from "./types.ts";

/** Accuracy, macro F1 and minority recall of "always neutral" on 90 neutral, 10 negative. */
export function alwaysNeutral(): {
  accuracy: number;
  f1Macro: number;
  f1PerClass: number[];
  negativeRecall: number;
} {
  const yTrue = [...Array(90).fill("neutral"), ...Array(10).fill("negative")];
  const yPred = yTrue.map(() => "neutral");
  return {
    accuracy: accuracyScore(yTrue, yPred),
    f1Macro: f1Score(yTrue, yPred, { average: "macro", zeroDivision: 0 }),
    f1PerClass: f1Score(yTrue, yPred, {
      average: null,
      labels: ["neutral", "negative"],
      zeroDivision: 0,
    }),
    negativeRecall: recallScore(yTrue, yPred, { average: null, labels: ["negative"] })[0],
  };
}

/** The answer sketch's 90 % accuracy, and the macro F1 that shows the failure. */
export function rows(): Promise<ReproRow[]> {
  const r = alwaysNeutral();
  return Promise.resolve([{
    part: "Ex. 14.6.5",
    example: "always 'neutral' on 90% neutral data",
    chapter: "accuracy 90%",
    kit: `accuracy ${(r.accuracy * 100).toFixed(0)}%, macro F1 ${r.f1Macro.toFixed(3)}, ` +
      `negative recall ${r.negativeRecall}`,
    agrees: Math.abs(r.accuracy - 0.9) < 1e-12,
    note: `macro F1 = (F1 neutral ${r.f1PerClass[0].toFixed(3)} + F1 negative ` +
      `${r.f1PerClass[1]}) / 2; notebook 16_6_evaluation adds the per-class report, confusion ` +
      "matrix and calibration of a trained model",
  }]);
}
