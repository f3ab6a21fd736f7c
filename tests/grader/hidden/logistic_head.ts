// Hidden cases of the logistic-head exercise: the kit's LogisticRegression (scikit-learn 1.2
// parity) is fitted here, in the grader, and gives both the weights the cases pass in and the
// expected probabilities and classes.
import { sklearnFit, X, y } from "../../../exercises/logistic_head/public_cases.ts";
import { LogisticRegression } from "../../../lib/setfit/logistic_regression.ts";
import { expectClose, expectEqual, expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

/** Three emotion classes on 3-d "embeddings". */
const X3 = [
  [0.1, 1.2, -0.3],
  [1.0, 0.2, 0.5],
  [-0.9, -0.4, 1.1],
  [0.3, 0.9, 0.0],
  [1.3, -0.2, 0.2],
  [-1.1, 0.1, 0.9],
  [0.0, 1.5, -0.6],
  [0.8, 0.4, 0.7],
  [-0.5, -0.8, 1.4],
  [0.6, 1.0, 0.3],
  [1.6, 0.0, -0.1],
  [-0.7, 0.3, 0.6],
];
const y3 = [
  "joy",
  "anger",
  "fear",
  "joy",
  "anger",
  "fear",
  "joy",
  "anger",
  "fear",
  "joy",
  "anger",
  "fear",
];
const lr3 = new LogisticRegression().fit(X3, y3);
const test = [[0.2, 0.8, 0.1], [1.0, -0.5, 0.3], [-1.0, 0.0, 1.0]];
const huge = test.map((row) => row.map((v) => v * 1000));
const model = [lr3.coef, lr3.intercept];

/** Three features, labels from a noisy linear rule. */
const X4 = X.map(([a, b], i) => [a, b, ((i * 7) % 5) / 5 - 0.4]);
const y4 = [1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0];

export const cases: Case[] = [
  {
    name: "predictProba, three classes: the kit's (scikit-learn's) probabilities",
    points: 2,
    call: "predictProba",
    args: [test, ...model],
    check: expectClose(lr3.predictProba(test)),
  },
  {
    name: "predict, three classes: scikit-learn's classes",
    points: 1,
    call: "predict",
    args: [test, ...model, lr3.classes],
    check: expectEqual(lr3.predict(test)),
  },
  {
    name: "predictProba on scores in the thousands stays finite",
    points: 1,
    call: "predictProba",
    args: [huge, ...model],
    check: expectClose(lr3.predictProba(huge)),
  },
  {
    name: "ties go to the first class",
    points: 1,
    call: "predict",
    args: [[[1, 2], [3, 4]], [[0, 0], [0, 0], [0, 0]], [0, 0, 0], ["a", "b", "c"]],
    check: expectEqual(["a", "a"]),
  },
  {
    name: "fitBinary, C = 0.1 (strong penalty)",
    points: 2,
    call: "fitBinary",
    args: [X, y, { C: 0.1 }],
    check: sklearnFit(X, y, 0.1),
  },
  {
    name: "fitBinary, three features, C = 10",
    points: 1,
    call: "fitBinary",
    args: [X4, y4, { C: 10, learningRate: 0.05 }],
    check: sklearnFit(X4, y4, 10),
  },
  {
    name: "coef rows narrower than X is an error naming X or coef",
    points: 1,
    call: "predictProba",
    args: [test, [[1, 2], [3, 4], [5, 6]], [0, 0, 0]],
    check: expectThrows(/\bX\b|coef/),
  },
  {
    name: "a label 2 in y is an error naming y",
    points: 1,
    call: "fitBinary",
    args: [X, y.map((v, i) => (i === 3 ? 2 : v))],
    check: expectThrows(/\by\b/),
  },
];
