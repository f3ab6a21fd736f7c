/**
 * Cross-entropy with a closed-form gradient: `crossEntropyLoss` of `../losses.ts` (plain tfjs
 * ops, differentiated by autodiff) with its backward pass written out op for op and the loss
 * value computed in JavaScript with float32 rounding, so the numbers are the plain path's, bit
 * for bit (tests/cross_entropy_grad_test.ts), in ~7 ops instead of ~25 plus the tape's copies —
 * most of a small head's training step. Used while the fast path is on (`switch.ts`).
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Reduction } from "../losses.ts";

/** The rows of a cross-entropy call, read and checked by `crossEntropyLoss`. */
export interface CrossEntropyRows {
  /** Rows and classes. */
  n: number;
  c: number;
  /** Each row's label, 0 where it is ignored. */
  safe: Int32Array;
  /** w[y] of each row, 0 where it is ignored. */
  rowWeight: Float32Array;
  /** The class weights, if any. */
  weight?: Float32Array;
  /** 1 for rows that count, 0 for ignored ones. */
  notIgnored: Float32Array;
  /** Σ w[y] over the rows that count: the divisor of "mean". */
  denominator: number;
}

/**
 * Per-row cross-entropy from log-probabilities `[n, c]`: `−w[y]·log p_y`, and with smoothing
 * `(1 − ε)·that + (ε / c)·(−Σ_k w[k]·log p_k)` on rows that count. Every product and sum is
 * rounded to float32 and the sums run in index order, as tfjs-wasm's float32 ops compute them,
 * so the values are those ops' own, bit for bit.
 */
function crossEntropyRows(
  logp: Float32Array,
  c: number,
  o: {
    oneHot: Float32Array;
    rowWeight: Float32Array;
    weight?: Float32Array;
    notIgnored: Float32Array;
    labelSmoothing: number;
  },
): Float32Array {
  const f = Math.fround;
  const n = logp.length / c;
  const keep = f(1 - o.labelSmoothing);
  const share = f(o.labelSmoothing / c);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let target = 0;
    for (let k = 0; k < c; k++) target = f(target + f(o.oneHot[i * c + k] * logp[i * c + k]));
    let row = -f(target * o.rowWeight[i]);
    if (o.labelSmoothing > 0) {
      let all = 0;
      for (let k = 0; k < c; k++) {
        all = f(all + (o.weight ? f(logp[i * c + k] * o.weight[k]) : logp[i * c + k]));
      }
      row = f(f(row * keep) + f(f(-all * o.notIgnored[i]) * share));
    }
    out[i] = row;
  }
  return out;
}

/** The float32 sum of `rows` in order, divided by `denominator` when given ("mean"). */
function reduceRows(rows: Float32Array, denominator?: number): number {
  const f = Math.fround;
  let total = 0;
  for (let i = 0; i < rows.length; i++) total = f(total + rows[i]);
  // 0 / 0 = NaN when every target is ignored, exactly as PyTorch.
  return denominator === undefined ? total : f(total / f(denominator));
}

/**
 * The value and gradient of `crossEntropyLoss` for prepared rows.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { closedFormCrossEntropy } from "./cross_entropy.ts";
 * const rows = {
 *   n: 1, c: 2, safe: new Int32Array([0]), rowWeight: new Float32Array([1]),
 *   notIgnored: new Float32Array([1]), denominator: 1,
 * };
 * const loss = closedFormCrossEntropy(tf.tensor2d([[0, 0]]), rows, { labelSmoothing: 0, reduction: "mean" });
 * console.log(loss.dataSync()[0].toFixed(4)); // "0.6931"
 * ```
 */
export function closedFormCrossEntropy(
  logits: tf.Tensor,
  rows: CrossEntropyRows,
  options: { labelSmoothing: number; reduction: Reduction },
): tf.Tensor {
  const { n, c, safe, rowWeight, weight: w, notIgnored, denominator } = rows;
  const { labelSmoothing, reduction } = options;
  // d loss / d logp: −w[y] at each row's target, and with smoothing −w[c] in every column of
  // the rows that count; the backward pass scales them by the upstream gradient.
  const oneHot = new Float32Array(n * c);
  const targetCoef = new Float32Array(n * c);
  const smoothCoef = new Float32Array(labelSmoothing > 0 ? n * c : 0);
  for (let i = 0; i < n; i++) {
    oneHot[i * c + safe[i]] = 1;
    // −w·0 = −0 off the target, the zero autodiff's (−dy·w)·0 gives: same signs of zero too.
    for (let k = 0; k < c; k++) targetCoef[i * c + k] = -rowWeight[i] * oneHot[i * c + k];
    if (labelSmoothing === 0) continue;
    for (let k = 0; k < c; k++) smoothCoef[i * c + k] = -notIgnored[i] * (w ? w[k] : 1);
  }
  // A closed-form gradient instead of autodiff through logSoftmax, the one-hot product and the
  // reduction: ~7 ops instead of ~25 plus the tape's copies, which is most of a small head's
  // training step. It is autodiff's chain written out op for op, so every number is the same.
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // tf.logSoftmax's ops, without its float32 → float32 cast and its own gradient wrapper.
    const rows = x.rank === 2 ? x : tf.reshape(x, [n, c]);
    const shifted = tf.sub(rows, tf.max(rows, 1, true));
    const logp = tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), 1, true)));
    save([logp]);
    // The loss itself from the n·c log-probabilities read back, rather than ~6 more ops.
    const perRow = crossEntropyRows(logp.dataSync() as Float32Array, c, {
      oneHot,
      rowWeight,
      weight: w,
      notIgnored,
      labelSmoothing,
    });
    const value = reduction === "none"
      ? tf.tensor(perRow, logits.shape.slice(0, -1), "float32")
      : tf.scalar(reduceRows(perRow, reduction === "mean" ? denominator : undefined));
    const gradFunc = (dy: tf.Tensor, [logp]: tf.Tensor[]) => {
      // The upstream gradient of each row: dy / Σw for "mean", dy for "sum", dy's row for "none".
      const up = reduction === "none"
        ? tf.reshape(dy, [n, 1])
        : reduction === "mean"
        ? tf.div(dy, tf.scalar(denominator))
        : dy;
      const target = tf.tensor2d(targetCoef, [n, c]);
      const dLogp = labelSmoothing > 0
        ? tf.add(
          tf.mul(target, tf.mul(up, 1 - labelSmoothing)),
          tf.mul(tf.tensor2d(smoothCoef, [n, c]), tf.mul(up, labelSmoothing / c)),
        )
        : tf.mul(target, up);
      // logSoftmax's gradient, as tfjs writes it: dLogp − softmax · Σ_c dLogp.
      const dx = tf.sub(dLogp, tf.mul(tf.sum(dLogp, 1, true), tf.exp(logp)));
      return logits.rank === 2 ? dx : tf.reshape(dx, logits.shape);
    };
    return { value, gradFunc };
  });
  return tf.tidy(() => loss(logits));
}
