/**
 * # Evaluation beyond accuracy (Exercise 14.6.5)
 *
 * Write `evaluate(yTrue, yPred, numClasses)` for class ids 0 … numClasses−1, returning
 *
 *     { accuracy, precision: number[], recall: number[], f1: number[], support: number[],
 *       macroF1, weightedF1, confusion: number[][] }
 *
 * with scikit-learn's definitions: per class c, precision = TP / (TP + FP), recall =
 * TP / (TP + FN), f1 = 2PR / (P + R), support = number of true examples of c; any 0/0 is 0
 * (`zero_division=0`). `macroF1` is the unweighted mean of the per-class F1 (**not** the F1 of
 * the mean precision and mean recall); `weightedF1` weights each class's F1 by its support.
 * `confusion[i][j]` counts examples of true class i predicted as j (rows: truth). Every class
 * 0 … numClasses−1 is reported, even one that never occurs. yTrue and yPred of different
 * lengths are an error whose message contains `length`; a label outside the classes is an error
 * naming it.
 *
 * Example: yTrue `[0, 0, 0, 0, 1, 2]`, yPred `[0, 0, 0, 0, 0, 2]`, 3 classes: accuracy 0.833,
 * f1 `[0.889, 0, 1]`, macroF1 0.630 — the missed minority class shows, accuracy hides it.
 *
 * Off limits: the kit's `accuracyScore`, `precisionRecallFscoreSupport`, `f1Score`,
 * `fbetaScore`, `precisionScore`, `recallScore`, `confusionMatrix`, `classificationReport`
 * (lib/metrics/).
 * Self-check: `deno test exercises/beyond_accuracy/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** What {@link evaluate} returns. */
export interface Evaluation {
  accuracy: number;
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  macroF1: number;
  weightedF1: number;
  confusion: number[][];
}

/** Per-class scores, macro/weighted F1 and the confusion matrix. */
export function evaluate(_yTrue: number[], _yPred: number[], _numClasses: number): Evaluation {
  throw new NotImplementedError("beyond_accuracy: evaluate");
}
