/**
 * Reference solution of exercises/logistic_head (see the exercise for the task).
 * @module
 */

/** Class probabilities of each row of logits, the row maximum subtracted first. */
export function softmax(logits: number[][]): number[][] {
  return logits.map((row) => {
    const max = Math.max(...row);
    const e = row.map((z) => Math.exp(z - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  });
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The scores X·coefᵀ + intercept, after checking the shapes. */
export function decisionFunction(X: number[][], coef: number[][], intercept: number[]): number[][] {
  const d = coef[0]?.length;
  if (coef.length === 0 || coef.some((w) => w.length !== d)) {
    throw new Error(`coef must be a non-empty matrix, got ${JSON.stringify(coef)}`);
  }
  if (intercept.length !== coef.length) {
    throw new Error(`intercept has ${intercept.length} entries, coef has ${coef.length} rows`);
  }
  return X.map((x, i) => {
    if (x.length !== d) throw new Error(`X[${i}] has ${x.length} features, coef rows have ${d}`);
    return coef.map((w, k) => w.reduce((s, wj, j) => s + wj * x[j], intercept[k]));
  });
}

/** scikit-learn's `predict_proba` of a fitted logistic regression. */
export function predictProba(X: number[][], coef: number[][], intercept: number[]): number[][] {
  const z = decisionFunction(X, coef, intercept);
  if (coef.length === 1) return z.map(([s]) => [1 - sigmoid(s), sigmoid(s)]);
  return softmax(z);
}

/** The most probable class of each row (ties go to the first class). */
export function predict(
  X: number[][],
  coef: number[][],
  intercept: number[],
  classes: (number | string)[],
): (number | string)[] {
  const width = coef.length === 1 ? 2 : coef.length;
  if (classes.length !== width) {
    throw new Error(`classes has ${classes.length} entries, the model has ${width} classes`);
  }
  return decisionFunction(X, coef, intercept).map((z) => {
    if (z.length === 1) return classes[z[0] > 0 ? 1 : 0];
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
    return classes[best];
  });
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
  X: number[][],
  y: number[],
  { C = 1, learningRate = 0.1, maxIter = 10_000, tol = 1e-6 }: FitOptions = {},
): { coef: number[][]; intercept: number[] } {
  if (X.length !== y.length || X.length === 0) {
    throw new Error(`X has ${X.length} rows but y has ${y.length} labels`);
  }
  const bad = y.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) throw new Error(`y[${bad}] is ${y[bad]}: labels must be 0 or 1`);
  if (!(C > 0)) throw new Error(`C must be > 0, got ${C}`);
  const d = X[0].length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < maxIter; it++) {
    const gw = w.map((wj) => wj / C);
    let gb = 0;
    X.forEach((x, i) => {
      const g = sigmoid(x.reduce((s, xj, j) => s + xj * w[j], b)) - y[i];
      for (let j = 0; j < d; j++) gw[j] += g * x[j];
      gb += g;
    });
    if (Math.max(Math.abs(gb), ...gw.map(Math.abs)) <= tol) break;
    for (let j = 0; j < d; j++) w[j] -= learningRate * gw[j];
    b -= learningRate * gb;
  }
  return { coef: [w], intercept: [b] };
}
