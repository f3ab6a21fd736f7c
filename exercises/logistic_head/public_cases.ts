// Public cases of the logistic-head exercise. Softmax values: scipy.special.softmax; fitted
// weights: the kit's LogisticRegression (checked against scikit-learn 1.2 in
// tests/golden/logreg), fitted to the optimum when the case is checked.
import { LogisticRegression } from "../../lib/setfit/logistic_regression.ts";
import { expectClose, expectEqual, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "logistic_head",
  title: "Logistic-regression head: softmax, predictProba, predict, fit by gradient descent",
  chapter: "Section 16.6.4b (SetFit's second stage)",
  forbid: { "lib/setfit/logistic_regression.ts": ["LogisticRegression"] },
};

/** Twelve 2-d "embeddings" of two overlapping classes (a well-conditioned problem). */
export const X = [
  [0.2, 1.1],
  [-1.0, 0.3],
  [1.5, -0.4],
  [0.7, 0.9],
  [-0.3, -1.2],
  [1.1, 0.2],
  [-1.4, 0.8],
  [0.4, -0.6],
  [-0.8, -0.3],
  [1.8, 1.0],
  [0.0, 0.5],
  [-0.5, 1.4],
];
export const y = [1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0];

/**
 * `fitBinary(X, y, { C, ... })` matches scikit-learn's optimum (the kit's LogisticRegression with
 * a tight tolerance) to `atol`.
 */
export function sklearnFit(
  X: number[][],
  y: number[],
  C: number,
  atol = 1e-4,
): Case["check"] {
  return (outcome) => {
    const lr = new LogisticRegression({ C, tol: 1e-10, maxIter: 1000 }).fit(X, y);
    expectClose({ coef: lr.coef, intercept: lr.intercept }, { atol, rtol: 0 })(outcome);
  };
}

export const cases: Case[] = [
  {
    name: "softmax of a row (doc example)",
    points: 1,
    call: "softmax",
    args: [[[1, 2, 3]]],
    check: expectClose([[0.09003057317038043, 0.24472847105479767, 0.6652409557748218]]),
  },
  {
    name: "softmax of logits near ±1000 stays finite",
    points: 2,
    call: "softmax",
    args: [[[1000, 999, 0], [-1000, -1000, -999]]],
    check: expectClose([
      [0.7310585786300049, 0.26894142136999516, 0],
      [0.21194155761708547, 0.21194155761708547, 0.5761168847658291],
    ]),
  },
  {
    name: "predictProba, one weight row: [1 − σ(z), σ(z)]",
    points: 1,
    call: "predictProba",
    args: [[[1, 2], [-2, 0.5]], [[0.5, -0.25]], [0.1]],
    check: expectClose([
      [0.47502081252106, 0.52497918747894],
      [0.7359453939271484, 0.2640546060728516],
    ]),
  },
  {
    name: "predict with string classes",
    points: 1,
    call: "predict",
    args: [[[1, 2], [-2, 0.5]], [[0.5, -0.25]], [0.1], ["neg", "pos"]],
    check: expectEqual(["pos", "neg"]),
  },
  {
    name: "fitBinary, C = 1: scikit-learn's weights to 1e-4",
    points: 2,
    call: "fitBinary",
    args: [X, y],
    check: sklearnFit(X, y, 1),
  },
  {
    name: "an intercept per class missing is an error naming intercept",
    points: 1,
    call: "predictProba",
    args: [[[1, 2]], [[0.5, -0.25], [1, 1]], [0.1]],
    check: expectThrows(/intercept/),
  },
];
