/**
 * The contrastive losses of SetFit's first stage, on batches of embedding pairs `u[k]`, `v[k]`
 * with labels `y[k]` (1 same class, 0 different classes):
 *
 * - {@linkcode cosineSimilarityLoss}, SetFit's default (sentence-transformers'
 *   `CosineSimilarityLoss`): the mean of `(cos(u, v) − y)²`;
 * - {@linkcode contrastiveLoss}, the chapter's margin loss: the mean of
 *   `y·d² + (1 − y)·max(0, m − d)²` with `d` the Euclidean or cosine distance.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";

/** Pair labels: 1 for a positive pair, 0 for a negative one (a tensor `[batch]` or numbers). */
export type PairLabelsInput = tf.Tensor1D | readonly number[];

/** Distance of {@linkcode contrastiveLoss}. */
export type DistanceMetric = "euclidean" | "cosine";

/** Options of {@linkcode contrastiveLoss}. */
export interface ContrastiveLossOptions {
  /** Negative pairs closer than this are pushed apart (default 0.5, the chapter's). */
  margin?: number;
  /** `"euclidean"` (default, the chapter's first choice) or `"cosine"` (1 − cosine similarity). */
  distanceMetric?: DistanceMetric;
}

/** `torch.nn.functional.cosine_similarity`'s eps: norms' product is clamped below by it. */
const COSINE_EPS = 1e-8;
/** `torch.nn.functional.pairwise_distance`'s eps, added to the difference (keeps √ differentiable at 0). */
const PAIRWISE_EPS = 1e-6;

/**
 * Cosine similarity of matching rows, `[batch]`, as `torch.nn.functional.cosine_similarity`
 * (`u·v / max(‖u‖·‖v‖, 1e-8)`).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { cosineSimilarity } from "./losses.ts";
 * const s = cosineSimilarity(tf.tensor2d([[1, 0], [1, 1]]), tf.tensor2d([[0, 1], [2, 2]]));
 * console.assert(Math.abs(s.dataSync()[0]) < 1e-7 && Math.abs(s.dataSync()[1] - 1) < 1e-6);
 * s.dispose();
 * ```
 */
export function cosineSimilarity(u: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor1D {
  checkPairs(u, v);
  return tf.tidy(() => {
    const dot = tf.sum(tf.mul(u, v), 1);
    const norms = tf.sqrt(tf.mul(tf.sum(tf.square(u), 1), tf.sum(tf.square(v), 1)));
    return tf.div(dot, tf.maximum(norms, COSINE_EPS)) as tf.Tensor1D;
  });
}

/**
 * SetFit's default loss (sentence-transformers' `CosineSimilarityLoss` with `MSELoss`): the mean
 * over pairs of `(cos(u, v) − y)²`. Positive pairs are pulled to cosine 1, negative ones to 0.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { cosineSimilarityLoss } from "./losses.ts";
 * const u = tf.tensor2d([[1, 0], [1, 0]]);
 * const v = tf.tensor2d([[1, 0], [0, 1]]);
 * const loss = cosineSimilarityLoss(u, v, [1, 0]); // cosines 1 and 0: both already right
 * console.assert(loss.dataSync()[0] < 1e-12);
 * tf.dispose([u, v, loss]);
 * ```
 */
export function cosineSimilarityLoss(
  u: tf.Tensor2D,
  v: tf.Tensor2D,
  labels: PairLabelsInput,
): tf.Scalar {
  const y = checkLabels(labels, u.shape[0]);
  return tf.tidy(() => tf.mean(tf.square(tf.sub(cosineSimilarity(u, v), y))) as tf.Scalar);
}

/**
 * The chapter's margin contrastive loss (16.6.4b): the mean over pairs of
 * `y·d(u, v)² + (1 − y)·max(0, m − d(u, v))²`. Same-class pairs are pulled together; different-
 * class pairs are pushed at least `m` apart. `d` is `‖u − v + 1e-6‖₂` (as PyTorch's
 * `pairwise_distance`) or `1 − cos(u, v)`.
 *
 * sentence-transformers' `ContrastiveLoss` is the same with a factor ½ in front and the cosine
 * distance by default; the kit writes the chapter's formula.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { contrastiveLoss } from "./losses.ts";
 * const u = tf.tensor2d([[0, 0], [0, 0]]);
 * const v = tf.tensor2d([[0.3, 0.4], [0.3, 0.4]]); // both pairs at distance 0.5
 * const pos = contrastiveLoss(u, v, [1, 1]); // d² = 0.25
 * const neg = contrastiveLoss(u, v, [0, 0]); // already m = 0.5 apart: 0
 * console.assert(Math.abs(pos.dataSync()[0] - 0.25) < 1e-5 && neg.dataSync()[0] < 1e-10);
 * tf.dispose([u, v, pos, neg]);
 * ```
 */
export function contrastiveLoss(
  u: tf.Tensor2D,
  v: tf.Tensor2D,
  labels: PairLabelsInput,
  { margin = 0.5, distanceMetric = "euclidean" }: ContrastiveLossOptions = {},
): tf.Scalar {
  if (!(Number.isFinite(margin) && margin > 0)) {
    throw new ArgumentError("margin", margin, "is not a positive number", "use e.g. 0.5");
  }
  if (distanceMetric !== "euclidean" && distanceMetric !== "cosine") {
    throw new ArgumentError(
      "distanceMetric",
      distanceMetric,
      "is not a distance",
      'use "euclidean" or "cosine"',
    );
  }
  const y = checkLabels(labels, u.shape[0]);
  checkPairs(u, v);
  return tf.tidy(() => {
    const d = distanceMetric === "cosine"
      ? tf.sub(1, cosineSimilarity(u, v))
      : tf.sqrt(tf.sum(tf.square(tf.add(tf.sub(u, v), PAIRWISE_EPS)), 1));
    const yt = tf.tensor1d(y);
    const pull = tf.mul(yt, tf.square(d));
    const push = tf.mul(tf.sub(1, yt), tf.square(tf.relu(tf.sub(margin, d))));
    return tf.mean(tf.add(pull, push)) as tf.Scalar;
  });
}

function checkPairs(u: tf.Tensor, v: tf.Tensor): void {
  if (u.rank !== 2 || v.rank !== 2 || u.shape.join() !== v.shape.join()) {
    throw new ArgumentError(
      "v.shape",
      v.shape,
      `u and v must be [batch, dim] tensors of the same shape; u.shape is [${u.shape}]`,
      "embed both sides of each pair with one body",
    );
  }
}

function checkLabels(labels: PairLabelsInput, batch: number): number[] {
  const y = labels instanceof tf.Tensor ? Array.from(labels.dataSync()) : [...labels];
  if (y.length !== batch) {
    throw new ArgumentError(
      "labels.length",
      y.length,
      `a batch of ${batch} pairs needs ${batch} labels`,
      "give one 0/1 label per pair",
    );
  }
  const bad = y.findIndex((l) => l !== 0 && l !== 1);
  if (bad >= 0) {
    throw new ArgumentError(
      `labels[${bad}]`,
      y[bad],
      "pair labels must be 0 or 1",
      "use 1 for a similar pair, 0 otherwise",
    );
  }
  return y;
}
