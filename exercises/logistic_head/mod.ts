/**
 * # The logistic-regression head (Section 16.6.4b, SetFit's second stage)
 *
 * SetFit fits "a vanilla classifier (logistic regression by default)" on the sentence
 * embeddings. Write its pieces on plain arrays (`X`: one embedding per row; `coef`: one weight
 * row per class, or a single row for two classes; `intercept`: one per row of `coef` — the
 * shapes of scikit-learn's `coef_` and `intercept_`):
 *
 * - `softmax(logits)`: per row, exp(z_k) / Σ_c exp(z_c). Subtract the row maximum first:
 *   logits like `[1000, 999, 0]` must give finite probabilities.
 * - `predictProba(X, coef, intercept)`: the scores z = x·coefᵀ + intercept; with one row of
 *   `coef` (two classes) `[1 − σ(z), σ(z)]`, otherwise `softmax(z)` — scikit-learn's
 *   `predict_proba`. σ must not overflow either (z = ±1000 gives `[0, 1]` / `[1, 0]`).
 * - `predict(X, coef, intercept, classes)`: `classes[k]` of the highest score (two classes:
 *   `classes[1]` when z > 0, else `classes[0]`); ties go to the first class.
 * - `fitBinary(X, y, options)` → `{ coef: [w], intercept: [b] }`: binary logistic regression
 *   (y of 0s and 1s) with scikit-learn's objective
 *
 *       Σ_i [log(1 + exp(z_i)) − y_i z_i] + ‖w‖² / (2C),   z_i = w·x_i + b,
 *
 *   whose gradient is Σ_i (σ(z_i) − y_i) x_i + w / C for w and Σ_i (σ(z_i) − y_i) for b (the
 *   intercept is **not** penalised). Start from zeros and take gradient-descent steps of size
 *   `learningRate` (default 0.1) until every gradient entry is at most `tol` (default 1e-6) or
 *   `maxIter` steps (default 10 000); `C` defaults to 1. The grader compares your weights with
 *   scikit-learn's `LogisticRegression(C=C)` fitted to the optimum, to 1e-4.
 *
 * Errors (the message names the argument): `coef` rows of another width than the rows of `X`
 * (`X` or `coef`), `intercept` not one per row of `coef` (`intercept`), `classes` not one per
 * class (`classes`), `y` with a value other than 0 or 1 (`y`).
 *
 * Example: `softmax([[1, 2, 3]])` ≈ `[[0.0900, 0.2447, 0.6652]]`;
 * `predictProba([[1, 2]], [[0.5, -0.25]], [0.1])` ≈ `[[0.4750, 0.5250]]`;
 * `predict([[1, 2]], [[0.5, -0.25]], [0.1], ["neg", "pos"])` → `["pos"]`.
 *
 * Off limits: the kit's `LogisticRegression` (lib/setfit/logistic_regression.ts) — the grader
 * replaces it with a function that throws.
 *
 * Self-check: `deno test exercises/logistic_head/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** Class probabilities of each row of logits. */
export function softmax(_logits: number[][]): number[][] {
  throw new NotImplementedError("logistic_head: softmax");
}

/** scikit-learn's `predict_proba` of a fitted logistic regression. */
export function predictProba(
  _X: number[][],
  _coef: number[][],
  _intercept: number[],
): number[][] {
  throw new NotImplementedError("logistic_head: predictProba");
}

/** The most probable class of each row (ties go to the first class). */
export function predict(
  _X: number[][],
  _coef: number[][],
  _intercept: number[],
  _classes: (number | string)[],
): (number | string)[] {
  throw new NotImplementedError("logistic_head: predict");
}

/** Options of {@link fitBinary}. */
export interface FitOptions {
  /** Inverse regularisation strength (default 1). */
  C?: number;
  /** Gradient-descent step (default 0.1). */
  learningRate?: number;
  /** Most steps (default 10 000). */
  maxIter?: number;
  /** Stop when every gradient entry is at most this (default 1e-6). */
  tol?: number;
}

/** L2-regularised binary logistic regression fitted by gradient descent from zero weights. */
export function fitBinary(
  _X: number[][],
  _y: number[],
  _options: FitOptions = {},
): { coef: number[][]; intercept: number[] } {
  throw new NotImplementedError("logistic_head: fitBinary");
}
