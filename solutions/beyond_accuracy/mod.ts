/**
 * Reference solution of exercises/beyond_accuracy.
 * @module
 */

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

const div = (a: number, b: number) => (b ? a / b : 0);

/** Per-class scores, macro/weighted F1 and the confusion matrix. */
export function evaluate(yTrue: number[], yPred: number[], numClasses: number): Evaluation {
  if (yTrue.length !== yPred.length) {
    throw new Error(`yTrue has length ${yTrue.length}, yPred ${yPred.length}`);
  }
  const k = numClasses;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  yTrue.forEach((t, i) => {
    const p = yPred[i];
    for (const y of [t, p]) {
      if (!Number.isInteger(y) || y < 0 || y >= k) {
        throw new Error(`label ${y} is not in [0, ${k})`);
      }
    }
    confusion[t][p]++;
  });
  const range = [...Array(k).keys()];
  const support = range.map((c) => confusion[c].reduce((s, x) => s + x, 0));
  const predicted = range.map((c) => confusion.reduce((s, row) => s + row[c], 0));
  const precision = range.map((c) => div(confusion[c][c], predicted[c]));
  const recall = range.map((c) => div(confusion[c][c], support[c]));
  const f1 = range.map((c) => div(2 * precision[c] * recall[c], precision[c] + recall[c]));
  const n = yTrue.length;
  return {
    accuracy: div(range.reduce((s, c) => s + confusion[c][c], 0), n),
    precision,
    recall,
    f1,
    support,
    macroF1: f1.reduce((s, x) => s + x, 0) / k,
    weightedF1: div(f1.reduce((s, x, c) => s + x * support[c], 0), n),
    confusion,
  };
}
