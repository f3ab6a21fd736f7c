/**
 * SetFit's second stage: a logistic-regression head on sentence embeddings. Single-label data
 * gets scikit-learn's `LogisticRegression` (binary or multinomial); multi-label data one binary
 * logistic regression per label (scikit-learn's `OneVsRestClassifier`, SetFit's
 * `multi_target_strategy="one-vs-rest"`). The fitted weights are plain arrays, so a head saves to
 * JSON and loads back.
 * @module
 */
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
 * A fitted logistic-regression head. Probabilities are scikit-learn's: sigmoid for two classes,
 * softmax for more, one sigmoid per class in multi-label mode.
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

  private constructor(readonly state: LogisticHeadState) {
    this.dim = state.coef[0].length;
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
        throw new Error(
          "y holds lists of classes: fit a multi-label head with { multiLabel: true }",
        );
      }
      const clf = new LogisticRegression(lr).fit(X, y as Label[]);
      return new LogisticHead({
        classes: clf.classes,
        multiLabel: false,
        coef: clf.coef,
        intercept: clf.intercept,
      });
    }
    const lists = y.map((l, i) => {
      if (!Array.isArray(l)) {
        throw new Error(`y[${i}] must be a list of classes in multi-label mode`);
      }
      return l as readonly Label[];
    });
    const classes = [...new Set(lists.flat())].sort((a, b) =>
      typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : 1
    );
    if (classes.length === 0) throw new Error("y has no class in any example");
    const coef: number[][] = [];
    const intercept: number[] = [];
    for (const c of classes) {
      const column = lists.map((l) => (l.includes(c) ? 1 : 0));
      if (column.every((v) => v === 1)) {
        throw new Error(`class ${JSON.stringify(c)} is in every example: a head cannot learn it`);
      }
      const clf = new LogisticRegression(lr).fit(X, column);
      coef.push(clf.coef[0]);
      intercept.push(clf.intercept[0]);
    }
    return new LogisticHead({ classes, multiLabel: true, coef, intercept });
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
      throw new Error(
        `not a logistic head: need classes, coef (${rowsWanted} equal rows) and intercept (${rowsWanted})`,
      );
    }
    return new LogisticHead({ classes, multiLabel: Boolean(multiLabel), coef, intercept });
  }

  /** The classes, in the order of `predictProba`'s columns. */
  get classes(): Label[] {
    return this.state.classes;
  }

  /** The weights as JSON (`JSON.stringify` calls this). */
  toJSON(): LogisticHeadState {
    return this.state;
  }

  /**
   * Linear scores, one row per example. Inference runs from the plain weights, so a loaded head
   * predicts exactly as the fitted one (`LogisticRegression` keeps its fitted weights private and
   * cannot be rebuilt from saved ones).
   */
  decisionFunction(X: FeatureRows): number[][] {
    const { coef, intercept } = this.state;
    return X.map((x, i) => {
      if (x?.length !== this.dim) {
        throw new Error(
          `X[${i}] has ${x?.length} features but the head was fitted on ${this.dim}-dimensional embeddings`,
        );
      }
      return coef.map((w, k) => {
        let s = intercept[k];
        for (let j = 0; j < w.length; j++) s += w[j] * x[j];
        return s;
      });
    });
  }

  /** Probabilities: per class (single-label rows sum to 1), or per label (multi-label). */
  predictProba(X: FeatureRows): number[][] {
    return this.decisionFunction(X).map((z) => {
      if (this.state.multiLabel) return z.map(sigmoid);
      if (z.length === 1) return [1 - sigmoid(z[0]), sigmoid(z[0])];
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    });
  }

  /** The most probable class per example, or the list of classes with probability above ½. */
  predict(X: FeatureRows): Label[] | Label[][] {
    const { classes, multiLabel } = this.state;
    const scores = this.decisionFunction(X);
    if (multiLabel) return scores.map((z) => classes.filter((_, k) => z[k] > 0));
    return scores.map((z) => {
      if (z.length === 1) return classes[z[0] > 0 ? 1 : 0];
      let best = 0;
      for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
      return classes[best];
    });
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
