/**
 * Global-norm gradient clipping with the semantics of `torch.nn.utils.clip_grad_norm_`.
 * @module
 */
import * as tf from "@tensorflow/tfjs";

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
  if (!(maxNorm > 0)) throw new RangeError(`maxNorm must be positive, got ${maxNorm}`);
  const names = Object.keys(grads);
  if (names.length === 0) return { grads: {}, totalNorm: 0 };
  const [total, coef] = tf.tidy(() => {
    // sqrt(Σ g²), not tf.norm: tf.norm squares with pow(|g|, 2), ~100× slower than square on
    // wasm (27 ms for one 1M-value gradient).
    const l2 = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t)));
    const total = l2(tf.stack(names.map((k) => l2(grads[k]))));
    const coef = tf.minimum(tf.div(maxNorm, tf.add(total, 1e-6)), 1);
    return [total, coef];
  });
  const out: tf.NamedTensorMap = {};
  for (const k of names) out[k] = tf.mul(grads[k], coef);
  const totalNorm = total.dataSync()[0];
  tf.dispose([total, coef]);
  return { grads: out, totalNorm };
}
