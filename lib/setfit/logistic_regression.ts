/**
 * SetFit's second stage: an L2-regularised logistic-regression head fitted with L-BFGS, the
 * model and objective of scikit-learn 1.2's `LogisticRegression()` (solver `lbfgs`).
 * @module
 */
import { ArgumentError, NotFittedError } from "../errors.ts";
import { checkLabelArray, type Label, uniqueLabels } from "../metrics/validation.ts";
import { minimizeLbfgs } from "./lbfgs.ts";

/** Options of {@link LogisticRegression}, scikit-learn's names and defaults. */
export interface LogisticRegressionOptions {
  /** Inverse regularisation strength (default 1): the penalty is ‖W‖² / (2C). */
  C?: number;
  /** Most L-BFGS iterations (default 100). */
  maxIter?: number;
  /** Stop when every gradient entry is at most `tol` (default 1e-4). */
  tol?: number;
  /** Fit an unpenalised intercept per class (default true). */
  fitIntercept?: boolean;
}

/**
 * A fitted {@link LogisticRegression} as plain JSON: its options and weights. `fromJSON` of
 * `toJSON()` predicts exactly as the fitted model (the weights are the same float64 numbers); the
 * fit's diagnostics (`nIter`, `converged`) are not kept.
 */
export interface LogisticRegressionState {
  /** The options the model was created with. */
  options: Required<LogisticRegressionOptions>;
  /** Sorted class labels (`classes_`). */
  classes: Label[];
  /** One weight row for two classes, else one per class, all the same length (`coef_`). */
  coef: number[][];
  /** One intercept per weight row (`intercept_`). */
  intercept: number[];
}

/** Rows of features: arrays or typed arrays, one per sample. */
export type FeatureRows = readonly ArrayLike<number>[];

function checkPositive(name: string, v: number, integer = false): void {
  if (
    typeof v !== "number" || !(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))
  ) {
    throw new ArgumentError(
      name,
      v,
      `is not a positive ${integer ? "integer" : "number"}`,
      `use e.g. ${integer ? 100 : 1}`,
    );
  }
}

/** Copies rows into one row-major Float64Array, checking shape and finiteness. */
function flatten(X: FeatureRows, nFeatures?: number): { data: Float64Array; n: number; d: number } {
  if (!Array.isArray(X)) {
    throw new ArgumentError("X", X, "is not an array", "pass an array of feature rows");
  }
  if (X.length === 0) throw new ArgumentError("X", X, "is empty", "pass at least one row");
  const d = X[0]?.length;
  if (typeof d !== "number" || d === 0) {
    throw new ArgumentError("X[0]", X[0], "is not a non-empty row of numbers", "give features");
  }
  if (nFeatures !== undefined && d !== nFeatures) {
    throw new ArgumentError(
      "X[0]",
      X[0],
      `LogisticRegression was fitted on ${nFeatures} features, got ${d} in X[0]`,
      "embed with the encoder it was fitted on",
    );
  }
  const data = new Float64Array(X.length * d);
  X.forEach((row, i) => {
    if (row?.length !== d) {
      throw new ArgumentError(
        `X[${i}]`,
        row,
        `has ${row?.length} features, X[0] has ${d}`,
        "give every row the same features",
      );
    }
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (!Number.isFinite(v)) {
        throw new ArgumentError(
          `X[${i}][${j}]`,
          v,
          "features must be finite numbers",
          "fix or drop that row",
        );
      }
      data[i * d + j] = v;
    }
  });
  return { data, n: X.length, d };
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Logistic regression with scikit-learn 1.2's default model: two classes use one weight row and
 * the sigmoid; more classes the multinomial (softmax) model. Both minimise
 *
 *   Σ_i log-loss_i + ‖W‖² / (2C)        (the intercept is not penalised)
 *
 * from zero weights with L-BFGS, stopping when the largest gradient entry is below `tol`, as
 * scikit-learn's `lbfgs` solver does.
 *
 * @example
 * ```ts
 * import { LogisticRegression } from "./logistic_regression.ts";
 * const X = [[0, 0], [0, 1], [1, 0], [3, 3], [3, 4], [4, 3]];
 * const y = ["low", "low", "low", "high", "high", "high"];
 * const clf = new LogisticRegression({ C: 1 }).fit(X, y);
 * console.log(clf.classes, clf.predict([[0.5, 0.5], [3.5, 3.5]])); // ["high", "low"] ["low", "high"]
 * console.log(clf.predictProba([[0.5, 0.5]])[0].map((p) => p.toFixed(3))); // ["0.111", "0.889"]
 * ```
 */
export class LogisticRegression {
  /** Inverse regularisation strength. */
  readonly C: number;
  /** Most L-BFGS iterations. */
  readonly maxIter: number;
  /** Gradient tolerance. */
  readonly tol: number;
  /** Whether an intercept is fitted. */
  readonly fitIntercept: boolean;
  /** The sorted class labels seen by `fit` (scikit-learn's `classes_`). */
  classes: Label[] = [];
  /** Weights: one row for two classes, else one row per class (`coef_`). */
  coef: number[][] = [];
  /** Intercepts, one per row of `coef` (`intercept_`). */
  intercept: number[] = [];
  /** L-BFGS iterations of the last fit (`n_iter_`). */
  nIter = 0;
  /** Whether the last fit met the tolerance. */
  converged = false;
  #d = 0;
  #w = new Float64Array(0);
  #b = new Float64Array(0);

  /** Creates an unfitted model; see {@link LogisticRegressionOptions} for the defaults. */
  constructor(
    { C = 1, maxIter = 100, tol = 1e-4, fitIntercept = true }: LogisticRegressionOptions = {},
  ) {
    checkPositive("C", C);
    checkPositive("maxIter", maxIter, true);
    checkPositive("tol", tol);
    this.C = C;
    this.maxIter = maxIter;
    this.tol = tol;
    this.fitIntercept = fitIntercept;
  }

  /**
   * Fits the weights to rows `X` and labels `y` (numbers or strings); returns the model.
   *
   * @example
   * ```ts
   * import { LogisticRegression } from "./logistic_regression.ts";
   * const clf = new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
   * console.log(clf.coef[0][0] > 0); // true
   * ```
   */
  fit(X: FeatureRows, y: readonly Label[]): this {
    const { data, n, d } = flatten(X);
    const labels = checkLabelArray(y, "y");
    if (labels.length !== n) {
      throw new ArgumentError(
        "y.length",
        labels.length,
        `X has ${n} rows but y has ${labels.length} labels`,
        "give one label per row",
      );
    }
    const classes = uniqueLabels(labels);
    if (classes.length < 2) {
      throw new ArgumentError(
        "y",
        labels,
        "has only one class: a classifier needs at least 2",
        "add examples of another class",
      );
    }
    const index = new Map(classes.map((c, i) => [c, i]));
    const target = Int32Array.from(labels, (l) => index.get(l)!);
    const rows = classes.length === 2 ? 1 : classes.length;
    const nw = rows * d;
    const objective = rows === 1
      ? this.#binaryObjective(data, n, d, target)
      : this.#multinomialObjective(data, n, d, rows, target);
    const r = minimizeLbfgs(objective, new Float64Array(nw + (this.fitIntercept ? rows : 0)), {
      maxIter: this.maxIter,
      gtol: this.tol,
    });
    if (!r.converged) {
      console.warn(
        `ConvergenceWarning: lbfgs failed to converge (${r.message}). Increase maxIter or scale the data.`,
      );
    }
    this.classes = classes;
    this.#d = d;
    this.#w = r.x.slice(0, nw);
    this.#b = this.fitIntercept ? r.x.slice(nw) : new Float64Array(rows);
    this.coef = Array.from(
      { length: rows },
      (_, k) => Array.from(this.#w.subarray(k * d, (k + 1) * d)),
    );
    this.intercept = Array.from(this.#b);
    this.nIter = r.nIter;
    this.converged = r.converged;
    return this;
  }

  #penalty(w: Float64Array, nw: number, grad: Float64Array): number {
    let sq = 0;
    for (let j = 0; j < nw; j++) {
      sq += w[j] * w[j];
      grad[j] += w[j] / this.C;
    }
    return sq / (2 * this.C);
  }

  #binaryObjective(X: Float64Array, n: number, d: number, y: Int32Array) {
    const fit = this.fitIntercept;
    return (w: Float64Array, grad: Float64Array): number => {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const off = i * d;
        let z = fit ? w[d] : 0;
        for (let j = 0; j < d; j++) z += w[j] * X[off + j];
        loss += softplus(z) - y[i] * z;
        const g = 1 / (1 + Math.exp(-z)) - y[i];
        for (let j = 0; j < d; j++) grad[j] += g * X[off + j];
        if (fit) grad[d] += g;
      }
      return loss + this.#penalty(w, d, grad);
    };
  }

  #multinomialObjective(X: Float64Array, n: number, d: number, k: number, y: Int32Array) {
    const fit = this.fitIntercept;
    const nw = k * d;
    const z = new Float64Array(k);
    return (w: Float64Array, grad: Float64Array): number => {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const off = i * d;
        let max = -Infinity;
        for (let c = 0; c < k; c++) {
          let s = fit ? w[nw + c] : 0;
          const wo = c * d;
          for (let j = 0; j < d; j++) s += w[wo + j] * X[off + j];
          z[c] = s;
          if (s > max) max = s;
        }
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(z[c] - max);
        const lse = max + Math.log(sum);
        loss += lse - z[y[i]];
        for (let c = 0; c < k; c++) {
          const g = Math.exp(z[c] - lse) - (c === y[i] ? 1 : 0);
          const wo = c * d;
          for (let j = 0; j < d; j++) grad[wo + j] += g * X[off + j];
          if (fit) grad[nw + c] += g;
        }
      }
      return loss + this.#penalty(w, nw, grad);
    };
  }

  /**
   * The fitted model as JSON (`JSON.stringify` calls this); {@link LogisticRegression.fromJSON}
   * rebuilds it.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { LogisticRegression } from "./logistic_regression.ts";
   * const clf = new LogisticRegression().fit([[0], [1], [2], [3]], ["no", "no", "yes", "yes"]);
   * const copy = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(clf)));
   * assertEquals(copy.predictProba([[1.2]]), clf.predictProba([[1.2]]));
   * ```
   */
  toJSON(): LogisticRegressionState {
    if (this.classes.length === 0) {
      throw new NotFittedError("LogisticRegression", "call fit(X, y) first");
    }
    const { C, maxIter, tol, fitIntercept, classes, coef, intercept } = this;
    return { options: { C, maxIter, tol, fitIntercept }, classes, coef, intercept };
  }

  /**
   * A fitted model from {@link LogisticRegression.toJSON}'s output (e.g. weights saved with a
   * SetFit model), checked: at least two classes, one weight row for two classes (else one per
   * class) of equal, non-zero length, one finite intercept per row.
   *
   * @example
   * ```ts
   * import { LogisticRegression } from "./logistic_regression.ts";
   * const clf = LogisticRegression.fromJSON({
   *   options: { C: 1, maxIter: 100, tol: 1e-4, fitIntercept: true },
   *   classes: ["neg", "pos"],
   *   coef: [[2]],
   *   intercept: [-1],
   * });
   * console.log(clf.predict([[0], [1]])); // ["neg", "pos"]
   * ```
   */
  static fromJSON(state: LogisticRegressionState): LogisticRegression {
    const { options, classes, coef, intercept } = state ?? {};
    const rows = classes?.length === 2 ? 1 : classes?.length;
    const d = Array.isArray(coef) ? coef[0]?.length : undefined;
    const finite = (xs: unknown) =>
      Array.isArray(xs) && xs.every((v) => typeof v === "number" && Number.isFinite(v));
    if (
      !Array.isArray(classes) || classes.length < 2 || !Array.isArray(coef) ||
      coef.length !== rows || !d || coef.some((r) => !finite(r) || r.length !== d) ||
      !finite(intercept) || intercept.length !== rows
    ) {
      throw new ArgumentError(
        "state",
        state,
        "is not a fitted LogisticRegression",
        `give at least 2 classes, coef (${rows} equal rows of finite numbers) and ` +
          `intercept (${rows} numbers), as toJSON writes them`,
      );
    }
    const clf = new LogisticRegression(options);
    clf.classes = [...classes];
    clf.#d = d;
    clf.#w = Float64Array.from(coef.flat());
    clf.#b = Float64Array.from(intercept);
    clf.coef = coef.map((r) => [...r]);
    clf.intercept = [...intercept];
    return clf;
  }

  /**
   * The linear scores X·Wᵀ + b: one column for two classes, else one per class
   * (scikit-learn's `decision_function`).
   *
   * @example
   * ```ts
   * import { LogisticRegression } from "./logistic_regression.ts";
   * const clf = new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
   * console.log(clf.decisionFunction([[1.5]])[0].length); // 1
   * ```
   */
  decisionFunction(X: FeatureRows): number[][] {
    if (this.classes.length === 0) {
      throw new NotFittedError("LogisticRegression", "call fit(X, y) first");
    }
    const { data, n, d } = flatten(X, this.#d);
    const rows = this.#b.length;
    return Array.from({ length: n }, (_, i) =>
      Array.from({ length: rows }, (_, k) => {
        let s = this.#b[k];
        for (let j = 0; j < d; j++) s += this.#w[k * d + j] * data[i * d + j];
        return s;
      }));
  }

  /**
   * Class probabilities, one row per sample, columns in the order of `classes`.
   *
   * @example
   * ```ts
   * import { LogisticRegression } from "./logistic_regression.ts";
   * const clf = new LogisticRegression().fit([[0], [1], [2], [3], [4], [5]], ["a", "a", "b", "b", "c", "c"]);
   * const [p] = clf.predictProba([[2.5]]);
   * console.log(p.length, Math.abs(p[0] + p[1] + p[2] - 1) < 1e-12); // 3 true
   * ```
   */
  predictProba(X: FeatureRows): number[][] {
    return this.decisionFunction(X).map((z) => {
      if (z.length === 1) {
        const p = 1 / (1 + Math.exp(-z[0]));
        return [1 - p, p];
      }
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    });
  }

  /**
   * The most probable class of each row (ties go to the first class, as in scikit-learn).
   *
   * @example
   * ```ts
   * import { LogisticRegression } from "./logistic_regression.ts";
   * const clf = new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
   * console.log(clf.predict([[-1], [4]])); // [0, 1]
   * ```
   */
  predict(X: FeatureRows): Label[] {
    return this.decisionFunction(X).map((z) => {
      if (z.length === 1) return this.classes[z[0] > 0 ? 1 : 0];
      let best = 0;
      for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
      return this.classes[best];
    });
  }
}
