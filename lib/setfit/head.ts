/**
 * SetFit's second stage: a logistic-regression head on sentence embeddings. Single-label data
 * gets scikit-learn's `LogisticRegression` (binary or multinomial); multi-label data one binary
 * logistic regression per label (scikit-learn's `OneVsRestClassifier`, SetFit's
 * `multi_target_strategy="one-vs-rest"`). The fitted weights are plain arrays, so a head saves to
 * JSON and loads back.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type { Label } from "../metrics/validation.ts";
import {
  type FeatureRows,
  LogisticRegression,
  type LogisticRegressionOptions,
} from "./logistic_regression.ts";

/** The fitted head as JSON. */
export interface LogisticHeadState {
  /** Single-label classes (sorted), or the multi-label label names/ids in column order. */
  classes: Label[];
  /** `true`: one independent sigmoid per class (one-vs-rest). */
  multiLabel: boolean;
  /** Weight rows: one for two single-label classes, else one per class. */
  coef: number[][];
  /** One intercept per weight row. */
  intercept: number[];
}

/** Options of {@linkcode LogisticHead.fit}: scikit-learn's, plus the multi-label switch. */
export interface LogisticHeadOptions extends LogisticRegressionOptions {
  /** Fit one binary logistic regression per class (labels are lists of classes). */
  multiLabel?: boolean;
}

/**
 * A fitted logistic-regression head: one {@link LogisticRegression} (single-label), or one binary
 * {@link LogisticRegression} per class (one-vs-rest). Probabilities are scikit-learn's: sigmoid
 * for two classes, softmax for more, one sigmoid per class in multi-label mode.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { LogisticHead } from "./head.ts";
 * const X = [[0, 0], [0, 1], [3, 3], [3, 4]];
 * const head = LogisticHead.fit(X, ["no", "no", "yes", "yes"]);
 * assertEquals(head.predict([[0, 0.5], [3, 3.5]]), ["no", "yes"]);
 * const tags = LogisticHead.fit(X, [["a"], ["a"], ["a", "b"], ["b"]], { multiLabel: true });
 * assertEquals(tags.predict([[0, 0.5]]), [["a"]]);
 * ```
 */
export class LogisticHead {
  /** Size of the embeddings the head was fitted on. */
  readonly dim: number;
  /** The weights as saved: rows of all the regressions, in class order. */
  readonly state: LogisticHeadState;
  /** One regression (single-label) or one binary regression per class (multi-label). */
  readonly #models: LogisticRegression[];

  private constructor(multiLabel: boolean, classes: Label[], models: LogisticRegression[]) {
    this.#models = models;
    this.state = {
      classes,
      multiLabel,
      coef: models.flatMap((m) => m.coef),
      intercept: models.flatMap((m) => m.intercept),
    };
    this.dim = this.state.coef[0].length;
  }

  /**
   * Fits the head on embeddings `X` and labels `y` (one class each, or lists of classes with
   * `multiLabel`). A multi-label class present in every example or in none cannot be learned
   * and is an error.
   */
  static fit(
    X: FeatureRows,
    y: readonly Label[] | readonly (readonly Label[])[],
    options: LogisticHeadOptions = {},
  ): LogisticHead {
    const { multiLabel = false, ...lr } = options;
    if (!multiLabel) {
      if (y.some(Array.isArray)) {
        throw new ArgumentError(
          "y",
          y,
          "holds lists of classes",
          "fit a multi-label head with { multiLabel: true }",
        );
      }
      const clf = new LogisticRegression(lr).fit(X, y as Label[]);
      return new LogisticHead(false, clf.classes, [clf]);
    }
    const lists = y.map((l, i) => {
      if (!Array.isArray(l)) {
        throw new ArgumentError(
          `y[${i}]`,
          l,
          "is not a list of classes (multi-label mode)",
          "give each example an array of its classes",
        );
      }
      return l as readonly Label[];
    });
    const classes = [...new Set(lists.flat())].sort((a, b) =>
      typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : 1
    );
    if (classes.length === 0) {
      throw new ArgumentError("y", y, "has no class in any example", "give examples with classes");
    }
    const models = classes.map((c) => {
      const column = lists.map((l) => (l.includes(c) ? 1 : 0));
      if (column.every((v) => v === 1)) {
        throw new ArgumentError(
          "y",
          y,
          `class ${JSON.stringify(c)} is in every example: a head cannot learn it`,
          "add examples without it or drop the class",
        );
      }
      return new LogisticRegression(lr).fit(X, column);
    });
    return new LogisticHead(true, classes, models);
  }

  /** A head from {@linkcode LogisticHead.toJSON}'s output, checked. */
  static fromJSON(state: LogisticHeadState): LogisticHead {
    const { classes, coef, intercept, multiLabel } = state ?? {};
    const rowsWanted = multiLabel ? classes?.length : classes?.length === 2 ? 1 : classes?.length;
    if (
      !Array.isArray(classes) || classes.length < (multiLabel ? 1 : 2) || !Array.isArray(coef) ||
      coef.length !== rowsWanted || !Array.isArray(intercept) || intercept.length !== rowsWanted ||
      coef.some((r) => !Array.isArray(r) || r.length !== coef[0].length || r.length === 0)
    ) {
      throw new ArgumentError(
        "state",
        state,
        "is not a logistic head",
        `give classes, coef (${rowsWanted} equal rows) and intercept (${rowsWanted}) from toJSON`,
      );
    }
    // The head saves rows only; the regressions' options do not change predictions.
    const options = { C: 1, maxIter: 100, tol: 1e-4, fitIntercept: true };
    const models = multiLabel
      ? coef.map((row, k) =>
        LogisticRegression.fromJSON({
          options,
          classes: [0, 1],
          coef: [row],
          intercept: [intercept[k]],
        })
      )
      : [LogisticRegression.fromJSON({ options, classes, coef, intercept })];
    return new LogisticHead(Boolean(multiLabel), [...classes], models);
  }

  /** The classes, in the order of `predictProba`'s columns. */
  get classes(): Label[] {
    return this.state.classes;
  }

  /** The weights as JSON (`JSON.stringify` calls this). */
  toJSON(): LogisticHeadState {
    return this.state;
  }

  /** Refuses embeddings of another size, naming the head's. */
  #check(X: FeatureRows): FeatureRows {
    const bad = X.findIndex((x) => x?.length !== this.dim);
    if (bad >= 0) {
      throw new ArgumentError(
        `X[${bad}]`,
        X[bad],
        `has ${
          X[bad]?.length
        } features but the head was fitted on ${this.dim}-dimensional embeddings`,
        "embed with the body the head was fitted on",
      );
    }
    return X;
  }

  /** Linear scores, one row per example: one column per weight row. */
  decisionFunction(X: FeatureRows): number[][] {
    this.#check(X);
    const [first, ...rest] = this.#models.map((m) => m.decisionFunction(X));
    return first.map((z, i) => z.concat(...rest.map((s) => s[i])));
  }

  /** Probabilities: per class (single-label rows sum to 1), or per label (multi-label). */
  predictProba(X: FeatureRows): number[][] {
    this.#check(X);
    if (!this.state.multiLabel) return this.#models[0].predictProba(X);
    const perClass = this.#models.map((m) => m.predictProba(X));
    return perClass[0].map((_, i) => perClass.map((p) => p[i][1]));
  }

  /** The most probable class per example, or the list of classes with probability above ½. */
  predict(X: FeatureRows): Label[] | Label[][] {
    this.#check(X);
    const { classes, multiLabel } = this.state;
    if (!multiLabel) return this.#models[0].predict(X);
    const perClass = this.#models.map((m) => m.predict(X));
    return perClass[0].map((_, i) => classes.filter((_, k) => perClass[k][i] === 1));
  }
}
