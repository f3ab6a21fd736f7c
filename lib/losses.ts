/**
 * Classification losses on tfjs tensors with PyTorch semantics: cross-entropy (class weights,
 * `ignoreIndex`, label smoothing), softmax focal loss, binary cross-entropy with logits, and
 * torchvision's sigmoid focal loss. Values and gradients match PyTorch to 1e-5
 * (tests/golden/losses/). Every loss is written with log-softmax / log-sigmoid, so logits of
 * ±100 give finite values and gradients.
 *
 * One difference of layout: the class axis is the LAST axis of `logits` (tfjs is
 * channels-last), where PyTorch puts it on axis 1. For NER, logits `[batch, tokens, classes]`
 * go with labels `[batch, tokens]` as they are, no transpose needed.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { crossEntropyLoss } from "./losses.ts";
 * const loss = crossEntropyLoss(tf.tensor2d([[2, 0, -1], [0, 1, 0]]), [0, -100]);
 * assert(Math.abs(loss.dataSync()[0] - 0.1698) < 1e-4);
 * loss.dispose();
 * ```
 * @module
 */
import { ArgumentError } from "./errors.ts";
import * as tf from "@tensorflow/tfjs";
import { closedFormCrossEntropy } from "./fast/cross_entropy.ts";
import { fastPathOn } from "./fast/switch.ts";

/** How per-element losses are combined, as PyTorch's `reduction`. */
export type Reduction = "none" | "mean" | "sum";

/** Integer class labels: a tensor of shape `logits.shape[:-1]`, or the same as (nested) arrays. */
export type ClassLabels = tf.Tensor | number[] | number[][];

/** Numbers that tfjs broadcasting can stretch: a tensor or (nested) arrays. */
export type BroadcastableWeights = tf.Tensor | number[] | number[][];

/** Options of {@link crossEntropyLoss}, named after `torch.nn.functional.cross_entropy`. */
export interface CrossEntropyOptions {
  /** One weight per class (`weight` in PyTorch). */
  weight?: number[] | tf.Tensor1D;
  /** Target value that is skipped: no loss, no gradient, not counted in the mean. */
  ignoreIndex?: number;
  /** Share of the target mass spread uniformly over all classes, in [0, 1]. */
  labelSmoothing?: number;
  /** `"mean"` (default), `"sum"` or `"none"`. */
  reduction?: Reduction;
}

/** Options of {@link focalLoss}. */
export interface FocalLossOptions {
  /** Focusing parameter γ ≥ 0 (default 2); 0 gives cross-entropy. */
  gamma?: number;
  /** α_t: one number for every row, or one per class (α_t = alpha[label]). */
  alpha?: number | number[];
  /** Target value that is skipped (default -100). */
  ignoreIndex?: number;
  /** `"mean"` over the non-ignored rows (default), `"sum"` or `"none"`. */
  reduction?: Reduction;
}

/** Options of {@link bceWithLogitsLoss}, named after `binary_cross_entropy_with_logits`. */
export interface BceWithLogitsOptions {
  /** Weight of the positive term, broadcast over the last axis (one per class). */
  posWeight?: BroadcastableWeights;
  /** Rescaling of every element's loss, broadcast to the logits' shape. */
  weight?: BroadcastableWeights;
  /** `"mean"` over all elements (default), `"sum"` or `"none"`. */
  reduction?: Reduction;
}

/** Options of {@link sigmoidFocalLoss}, named after `torchvision.ops.sigmoid_focal_loss`. */
export interface SigmoidFocalOptions {
  /** Weight of the positives in [0, 1] (negatives get 1 − alpha); below 0 turns it off. */
  alpha?: number;
  /** Focusing parameter γ ≥ 0 (default 2). */
  gamma?: number;
  /** `"none"` (default, as torchvision), `"mean"` or `"sum"`. */
  reduction?: Reduction;
}

// ---------------------------------------------------------------------------------------------
// Validation: everything is checked in JS before any op runs, so a bad call never yields a number.

function checkReduction(fn: string, reduction: unknown): Reduction {
  if (reduction !== "none" && reduction !== "mean" && reduction !== "sum") {
    throw new ArgumentError(
      "reduction",
      reduction,
      `is not a reduction (${fn})`,
      'use "none", "mean" or "sum"',
    );
  }
  return reduction;
}

function checkNumber(
  fn: string,
  name: string,
  v: unknown,
  ok: (x: number) => boolean,
  want: string,
) {
  if (typeof v !== "number" || !ok(v)) {
    throw new ArgumentError(name, v, `must be ${want} (${fn})`, `pass ${want}`);
  }
  return v;
}

function checkFinite(fn: string, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new ArgumentError(
        `${name} (flat index ${i})`,
        values[i],
        `is not finite (${fn})`,
        "find where the NaN or Infinity comes from (a too high learning rate?)",
      );
    }
  }
}

/** Checks logits and returns the row count, the class count and the per-row output shape. */
function checkLogits(fn: string, logits: tf.Tensor, minRank: number) {
  if (!(logits instanceof tf.Tensor)) {
    throw new ArgumentError(
      "logits",
      logits,
      `${fn} needs a tf.Tensor`,
      "wrap it: tf.tensor2d(rows)",
    );
  }
  if (logits.rank < minRank) {
    throw new ArgumentError(
      "logits.shape",
      logits.shape,
      `${fn} needs rank >= ${minRank}`,
      "give one row of class scores per sample",
    );
  }
  if (logits.size === 0) {
    throw new ArgumentError(
      "logits.shape",
      logits.shape,
      `is empty (${fn})`,
      "pass at least one sample",
    );
  }
  if (logits.dtype !== "float32") {
    throw new ArgumentError(
      "logits.dtype",
      logits.dtype,
      `${fn} needs float32`,
      "cast it: logits.toFloat()",
    );
  }
  checkFinite(fn, "logits", logits.dataSync() as Float32Array);
  const c = logits.shape[logits.rank - 1];
  return { n: logits.size / c, c };
}

function flatNumbers(fn: string, name: string, v: tf.Tensor | number[] | number[][]) {
  if (v instanceof tf.Tensor) return { values: v.dataSync(), shape: v.shape };
  if (!Array.isArray(v)) {
    throw new ArgumentError(
      name,
      v,
      `${fn} needs an array or a tf.Tensor`,
      "pass numbers as an array",
    );
  }
  // A flat list of numbers needs no tensor to find its shape (one per training step otherwise).
  const list: unknown[] = v;
  if (list.every((x) => typeof x === "number")) {
    return { values: Float32Array.from(list as number[]), shape: [list.length] };
  }
  let t: tf.Tensor;
  try {
    t = tf.tensor(v as number[]);
  } catch (e) {
    throw new ArgumentError(
      name,
      v,
      `is not a rectangular array of numbers (${fn}): ${e}`,
      "give every row the same length",
    );
  }
  const out = { values: t.dataSync(), shape: t.shape };
  t.dispose();
  return out;
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Reads class labels, checking each is a class index or `ignoreIndex`. */
function readLabels(
  fn: string,
  labels: ClassLabels,
  logits: tf.Tensor,
  c: number,
  ignoreIndex: number,
): Int32Array {
  const { values, shape } = flatNumbers(fn, "labels", labels);
  const want = logits.shape.slice(0, -1);
  if (!sameShape(shape, want)) {
    throw new ArgumentError(
      "labels.shape",
      shape,
      `${fn} needs shape [${want.join(", ")}] (logits without the class axis)`,
      "give one class index per row of logits",
    );
  }
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (y !== ignoreIndex && !(Number.isInteger(y) && y >= 0 && y < c)) {
      throw new ArgumentError(
        `labels[${i}]`,
        y,
        `is not a class index in [0, ${c}) nor ignoreIndex (${ignoreIndex}) (${fn})`,
        "map labels to class ids first",
      );
    }
    out[i] = y;
  }
  return out;
}

function readPerClass(fn: string, name: string, v: number[] | tf.Tensor, c: number): Float32Array {
  const { values, shape } = flatNumbers(fn, name, v);
  if (shape.length !== 1 || shape[0] !== c) {
    throw new ArgumentError(
      `${name}.shape`,
      shape,
      `${fn} needs one entry per class (${c})`,
      "give one weight per class",
    );
  }
  checkFinite(fn, name, values);
  return Float32Array.from(values);
}

/** Reads an optional weight tensor that must broadcast to exactly `target`'s shape. */
function readBroadcast(
  fn: string,
  name: string,
  v: BroadcastableWeights | undefined,
  target: number[],
): tf.Tensor | undefined {
  if (v === undefined) return undefined;
  const { values, shape } = flatNumbers(fn, name, v);
  checkFinite(fn, name, values);
  const off = target.length - shape.length;
  const fits = off >= 0 && shape.every((d, i) => d === 1 || d === target[off + i]);
  if (!fits) {
    throw new ArgumentError(
      `${name}.shape`,
      shape,
      `does not broadcast to the logits' shape [${target.join(", ")}] (${fn})`,
      "give one weight per class, or the logits' trailing shape",
    );
  }
  return tf.tensor(values, shape, "float32");
}

function readTargets(fn: string, targets: BroadcastableWeights, logits: tf.Tensor): tf.Tensor {
  const { values, shape } = flatNumbers(fn, "targets", targets);
  if (!sameShape(shape, logits.shape)) {
    throw new ArgumentError(
      "targets.shape",
      shape,
      `${fn} needs the logits' shape [${logits.shape.join(", ")}]`,
      "give one 0/1 target per logit",
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!(values[i] >= 0 && values[i] <= 1)) {
      throw new ArgumentError(
        `targets[${i}]`,
        values[i],
        `is not a probability in [0, 1] (${fn})`,
        "give 0/1 targets or probabilities",
      );
    }
  }
  return tf.tensor(values, shape, "float32");
}

// ---------------------------------------------------------------------------------------------

/** Per-row log-probability of the target class (0 for ignored rows), shape [n]. */
function targetLogProb(logp: tf.Tensor2D, safeLabels: Int32Array): tf.Tensor1D {
  // oneHot's own dtype argument is broken on tfjs-backend-wasm 4.22 (int32 bits labelled
  // float32, so 1 reads as 1.4e-45): build int32 and cast.
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(safeLabels, "int32"), logp.shape[1]), "float32");
  return tf.sum(tf.mul(oneHot, logp), 1);
}

function reduce(
  perElement: tf.Tensor,
  reduction: Reduction,
  meanDenominator: number,
  shape: number[],
): tf.Tensor {
  if (reduction === "none") return tf.reshape(perElement, shape);
  const total = tf.sum(perElement);
  // 0 / 0 = NaN when every target is ignored, exactly as PyTorch.
  return reduction === "sum" ? total : tf.div(total, tf.scalar(meanDenominator));
}

/**
 * Cross-entropy of logits against class indices, as `torch.nn.functional.cross_entropy`.
 *
 * Per row i with target y: `ℓ_i = −w[y] · log softmax(x_i)[y]`. Rows whose target is
 * `ignoreIndex` give 0 and are left out of the mean. The `"mean"` is **weighted**: the sum of
 * `ℓ_i` divided by the sum of `w[y_i]` over non-ignored rows (not by the row count).
 *
 * With `labelSmoothing` ε, PyTorch adds a second term per row, `s_i = −Σ_c w[c] · log p_ic`
 * (class weights inside the sum over classes), and returns `(1 − ε) · ℓ + (ε / C) · s`; in
 * `"mean"` mode BOTH terms are divided by the same Σ w[y_i] — the smoothing term too, although
 * it is weighted by w[c] and not by w[y_i]. The kit reproduces this exactly (golden vectors).
 * When every target is ignored, `"mean"` is 0/0 = NaN, as in PyTorch.
 *
 * @param logits float32 `[..., C]`, classes on the last axis.
 * @param labels integer class indices of shape `logits.shape[:-1]`.
 * @returns a scalar for `"mean"` / `"sum"`, else a tensor of the labels' shape.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { crossEntropyLoss } from "./losses.ts";
 * const logits = tf.tensor2d([[2, 0, -1], [0, 1, 0], [1, 1, 1]]);
 * const loss = crossEntropyLoss(logits, [0, 1, -100], { weight: [1, 2, 1], labelSmoothing: 0.1 });
 * assert(Number.isFinite(loss.dataSync()[0]));
 * tf.dispose([logits, loss]);
 * ```
 */
export function crossEntropyLoss(
  logits: tf.Tensor,
  labels: ClassLabels,
  options: CrossEntropyOptions = {},
): tf.Tensor {
  const fn = "crossEntropyLoss";
  const { weight, ignoreIndex = -100, labelSmoothing = 0, reduction = "mean" } = options;
  checkReduction(fn, reduction);
  checkNumber(fn, "ignoreIndex", ignoreIndex, Number.isInteger, "an integer");
  checkNumber(fn, "labelSmoothing", labelSmoothing, (x) => x >= 0 && x <= 1, "a number in [0, 1]");
  const { n, c } = checkLogits(fn, logits, 2);
  const y = readLabels(fn, labels, logits, c, ignoreIndex);
  const w = weight === undefined ? undefined : readPerClass(fn, "weight", weight, c);

  const safe = new Int32Array(n);
  const rowWeight = new Float32Array(n);
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === ignoreIndex) continue;
    safe[i] = y[i];
    rowWeight[i] = w ? w[y[i]] : 1;
    denominator += rowWeight[i];
  }
  const notIgnored = Float32Array.from(y, (label) => (label === ignoreIndex ? 0 : 1));
  const rows = { n, c, safe, rowWeight, weight: w, notIgnored, denominator };
  if (fastPathOn()) return closedFormCrossEntropy(logits, rows, { labelSmoothing, reduction });
  return tf.tidy(() => {
    const logp = tf.logSoftmax(tf.reshape(logits, [n, c])) as tf.Tensor2D;
    let perRow = tf.neg(tf.mul(targetLogProb(logp, safe), tf.tensor1d(rowWeight)));
    if (labelSmoothing > 0) {
      // −Σ_k w[k]·log p_k on the rows that count.
      const weighted = w ? tf.mul(logp, tf.tensor1d(w)) : logp;
      const smooth = tf.mul(tf.neg(tf.sum(weighted, 1)), tf.tensor1d(notIgnored));
      perRow = tf.add(tf.mul(perRow, 1 - labelSmoothing), tf.mul(smooth, labelSmoothing / c));
    }
    return reduce(perRow, reduction, denominator, logits.shape.slice(0, -1));
  });
}

/**
 * Softmax focal loss (Lin et al. 2017): per row `−α_t · (1 − p_t)^γ · log p_t`, where p_t is
 * the softmax probability of the target class. Easy rows (p_t near 1) are down-weighted.
 * `"mean"` averages over the non-ignored rows (a plain count, unlike weighted cross-entropy);
 * with `gamma = 0` and no `alpha` it equals {@link crossEntropyLoss}.
 *
 * @param logits float32 `[..., C]`, classes on the last axis.
 * @param labels integer class indices of shape `logits.shape[:-1]`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { crossEntropyLoss, focalLoss } from "./losses.ts";
 * const logits = tf.tensor2d([[3, 0], [0, 0.5]]);
 * const focal = focalLoss(logits, [0, 1], { gamma: 2, alpha: [0.25, 0.75] });
 * const ce = crossEntropyLoss(logits, [0, 1]);
 * assert(focal.dataSync()[0] < ce.dataSync()[0]);
 * tf.dispose([logits, focal, ce]);
 * ```
 */
export function focalLoss(
  logits: tf.Tensor,
  labels: ClassLabels,
  options: FocalLossOptions = {},
): tf.Tensor {
  const fn = "focalLoss";
  const { gamma = 2, alpha, ignoreIndex = -100, reduction = "mean" } = options;
  checkReduction(fn, reduction);
  checkNumber(fn, "gamma", gamma, (x) => Number.isFinite(x) && x >= 0, "a finite number >= 0");
  checkNumber(fn, "ignoreIndex", ignoreIndex, Number.isInteger, "an integer");
  const { n, c } = checkLogits(fn, logits, 2);
  const y = readLabels(fn, labels, logits, c, ignoreIndex);
  let alphaOf: (label: number) => number = () => 1;
  if (typeof alpha === "number") {
    checkNumber(fn, "alpha", alpha, Number.isFinite, "a finite number");
    alphaOf = () => alpha;
  } else if (alpha !== undefined) {
    const a = readPerClass(fn, "alpha", alpha, c);
    alphaOf = (label) => a[label];
  }

  const safe = new Int32Array(n);
  const rowFactor = new Float32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === ignoreIndex) continue;
    safe[i] = y[i];
    rowFactor[i] = alphaOf(y[i]);
    count++;
  }
  return tf.tidy(() => {
    const logp = tf.logSoftmax(tf.reshape(logits, [n, c])) as tf.Tensor2D;
    const logpt = targetLogProb(logp, safe);
    let perRow: tf.Tensor = tf.neg(tf.mul(logpt, tf.tensor1d(rowFactor)));
    // γ = 0 skips pow: d/dx x^0 is 0·x^-1 = NaN at x = 0 in tfjs (PyTorch special-cases it).
    if (gamma !== 0) {
      // 1 − p_t as −expm1(log p_t): exact for p_t near 1, where 1 − exp(·) cancels.
      perRow = tf.mul(perRow, tf.pow(tf.neg(tf.expm1(logpt)), gamma));
    }
    return reduce(perRow, reduction, count, logits.shape.slice(0, -1));
  });
}

/**
 * Per-element binary cross-entropy with logits, `posWeight` on the positive term:
 * −log σ(x) = softplus(−x) and −log(1 − σ(x)) = softplus(x), both finite for any x.
 * (Not tf.logSigmoid: in tfjs 4.22 its gradient fails with "Cannot read properties of
 * undefined (reading 'backend')" whenever its input is an intermediate tensor.)
 */
function bceElements(x: tf.Tensor, y: tf.Tensor, posWeight?: tf.Tensor): tf.Tensor {
  const positive = tf.mul(y, tf.softplus(tf.neg(x)));
  const negative = tf.mul(tf.sub(1, y), tf.softplus(x));
  return tf.add(posWeight ? tf.mul(positive, posWeight) : positive, negative);
}

/**
 * Binary cross-entropy on logits, as `torch.nn.functional.binary_cross_entropy_with_logits`:
 * per element `−weight · [posWeight · y · log σ(x) + (1 − y) · log(1 − σ(x))]`, for
 * multi-label heads (one independent sigmoid per class). `posWeight` broadcasts over the last
 * axis (one per class: n_neg / n_pos balances a class); `weight` broadcasts to the logits'
 * shape. `"mean"` is the plain mean over all elements, weights included.
 *
 * @param logits float32, any shape.
 * @param targets probabilities in [0, 1] of the logits' shape (0/1 for hard labels).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { bceWithLogitsLoss } from "./losses.ts";
 * const logits = tf.tensor2d([[100, -100], [0, 2]]);
 * const loss = bceWithLogitsLoss(logits, [[1, 0], [1, 0]], { posWeight: [1, 3] });
 * assert(Number.isFinite(loss.dataSync()[0]));
 * tf.dispose([logits, loss]);
 * ```
 */
export function bceWithLogitsLoss(
  logits: tf.Tensor,
  targets: BroadcastableWeights,
  options: BceWithLogitsOptions = {},
): tf.Tensor {
  const fn = "bceWithLogitsLoss";
  const { posWeight, weight, reduction = "mean" } = options;
  checkReduction(fn, reduction);
  checkLogits(fn, logits, 1);
  return tf.tidy(() => {
    const y = readTargets(fn, targets, logits);
    const pw = readBroadcast(fn, "posWeight", posWeight, logits.shape);
    const w = readBroadcast(fn, "weight", weight, logits.shape);
    let loss = bceElements(logits, y, pw);
    if (w) loss = tf.mul(loss, w);
    return reduce(loss, reduction, logits.size, logits.shape);
  });
}

/**
 * Sigmoid focal loss, as `torchvision.ops.sigmoid_focal_loss`: per element
 * `α_t · (1 − p_t)^γ · BCE(x, y)` with p = σ(x), p_t = p·y + (1 − p)(1 − y) and
 * α_t = α·y + (1 − α)(1 − y). `alpha` weights the positives; `alpha < 0` turns α_t off.
 * As in torchvision the default `reduction` is `"none"`; `"mean"` is over all elements.
 *
 * @param logits float32, any shape.
 * @param targets probabilities in [0, 1] of the logits' shape.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { sigmoidFocalLoss } from "./losses.ts";
 * const logits = tf.tensor2d([[4, -4], [0, 0]]);
 * const loss = sigmoidFocalLoss(logits, [[1, 0], [1, 0]], { reduction: "mean" });
 * assert(loss.rank === 0 && loss.dataSync()[0] > 0);
 * tf.dispose([logits, loss]);
 * ```
 */
export function sigmoidFocalLoss(
  logits: tf.Tensor,
  targets: BroadcastableWeights,
  options: SigmoidFocalOptions = {},
): tf.Tensor {
  const fn = "sigmoidFocalLoss";
  const { alpha = 0.25, gamma = 2, reduction = "none" } = options;
  checkReduction(fn, reduction);
  checkNumber(fn, "alpha", alpha, (x) => Number.isFinite(x) && x <= 1, "a finite number <= 1");
  checkNumber(fn, "gamma", gamma, (x) => Number.isFinite(x) && x >= 0, "a finite number >= 0");
  checkLogits(fn, logits, 1);
  return tf.tidy(() => {
    const y = readTargets(fn, targets, logits);
    let loss = bceElements(logits, y);
    if (gamma !== 0) {
      const p = tf.sigmoid(logits);
      const pt = tf.add(tf.mul(p, y), tf.mul(tf.sub(1, p), tf.sub(1, y)));
      loss = tf.mul(loss, tf.pow(tf.sub(1, pt), gamma));
    }
    if (alpha >= 0) {
      loss = tf.mul(loss, tf.add(tf.mul(y, alpha), tf.mul(tf.sub(1, y), 1 - alpha)));
    }
    return reduce(loss, reduction, logits.size, logits.shape);
  });
}

/**
 * Mean squared error, as `torch.nn.functional.mse_loss`: per element `(x − y)²`, averaged over
 * every element for `"mean"` (the default). Hugging Face's `problem_type="regression"` with
 * `num_labels=1` applies it to `logits.squeeze()` and the float labels.
 *
 * @param predictions float32, any shape.
 * @param targets real numbers of the predictions' shape.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { mseLoss } from "./losses.ts";
 * const predictions = tf.tensor2d([[1], [3]]);
 * const loss = mseLoss(predictions, [[0], [1]]);
 * console.log(loss.dataSync()[0]); // 2.5
 * tf.dispose([predictions, loss]);
 * ```
 */
export function mseLoss(
  predictions: tf.Tensor,
  targets: BroadcastableWeights,
  { reduction = "mean" }: { reduction?: Reduction } = {},
): tf.Tensor {
  const fn = "mseLoss";
  checkReduction(fn, reduction);
  checkLogits(fn, predictions, 0);
  return tf.tidy(() => {
    const { values, shape } = flatNumbers(fn, "targets", targets);
    if (!sameShape(shape, predictions.shape)) {
      throw new ArgumentError(
        "targets.shape",
        shape,
        `${fn} needs the predictions' shape [${predictions.shape.join(", ")}]`,
        "give one target per prediction",
      );
    }
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new ArgumentError(
        `targets[${bad}]`,
        values[bad],
        `is not a finite number (${fn})`,
        "fix or drop that sample",
      );
    }
    const y = tf.tensor(values, shape, "float32");
    const loss = tf.square(tf.sub(predictions, y));
    return reduce(loss, reduction, predictions.size, predictions.shape);
  });
}
