/**
 * Global-norm gradient clipping with the semantics of `torch.nn.utils.clip_grad_norm_`.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { scaleInJs, totalNormInJs } from "../fast/clip.ts";
import { fastPathOn } from "../fast/switch.ts";
import { ArgumentError } from "../errors.ts";

/** Result of {@linkcode clipGradNorm}. */
export interface ClippedGrads {
  /** The scaled gradients (new tensors; the caller owns them). */
  grads: tf.NamedTensorMap;
  /** The L2 norm of all gradients together, before clipping. */
  totalNorm: number;
}

/**
 * Scales all gradients by `min(1, maxNorm / (totalNorm + 1e-6))`, where `totalNorm` is the L2
 * norm of the per-tensor norms, exactly as PyTorch does. The input tensors are left alone.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { clipGradNorm } from "./clip.ts";
 * const { grads, totalNorm } = clipGradNorm({ a: tf.tensor1d([3, 4]) }, 1);
 * assert(totalNorm === 5);
 * assert(Math.abs(grads.a.dataSync()[0] - 0.6) < 1e-6);
 * ```
 */
export function clipGradNorm(grads: tf.NamedTensorMap, maxNorm: number): ClippedGrads {
  if (!(maxNorm > 0)) {
    throw new ArgumentError("maxNorm", maxNorm, "is not positive", "use e.g. 1 (HF's maxGradNorm)");
  }
  const names = Object.keys(grads);
  if (names.length === 0) return { grads: {}, totalNorm: 0 };
  const fast = fastPathOn();
  const tensors = names.map((k) => grads[k]);
  const totalNorm = fast ? totalNormInJs(tensors) : totalNormOps(tensors);
  // min(maxNorm / (total + 1e-6), 1) in float32; NaN stays NaN, as torch.clamp keeps it.
  const f = Math.fround;
  const coef = Math.min(f(f(maxNorm) / f(totalNorm + f(1e-6))), 1);
  const out: tf.NamedTensorMap = {};
  for (const k of names) out[k] = fast ? scaleInJs(grads[k], coef) : tf.mul(grads[k], coef);
  return { grads: out, totalNorm };
}

/** `total_norm = norm(stack([norm(g) for g in grads]))`, each norm `√(Σ g²)`, as torch. */
function totalNormOps(grads: tf.Tensor[]): number {
  const total = tf.tidy(() => {
    const l2 = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t)));
    return l2(tf.stack(grads.map(l2)));
  });
  const value = total.dataSync()[0];
  total.dispose();
  return value;
}
