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
  const f = Math.fround;
  const totalNorm = l2(Float32Array.from(names, (k) => tensorNorm(grads[k])));
  // min(maxNorm / (total + 1e-6), 1) in float32; NaN stays NaN, as torch.clamp keeps it.
  const coef = Math.min(f(f(maxNorm) / f(totalNorm + f(1e-6))), 1);
  const out: tf.NamedTensorMap = {};
  for (const k of names) out[k] = scale(grads[k], coef);
  return { grads: out, totalNorm };
}

/**
 * Small tensors are read and summed here: a few tfjs ops per gradient cost more in dispatch
 * than the arithmetic (the sizes where AdamW also takes its fused update).
 */
const IN_JS_BELOW = 16_384;

/**
 * `√(Σ g²)` rounded to float32 after each square and each addition, one value after another: the
 * numbers tfjs-wasm's `sqrt(sum(square(g)))` gives. Not `tf.norm`, which squares with
 * `pow(|g|, 2)`, ~100× slower than `square` on wasm.
 */
function l2(values: Float32Array): number {
  const f = Math.fround;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum = f(sum + f(values[i] * values[i]));
  return f(Math.sqrt(sum));
}

function tensorNorm(g: tf.Tensor): number {
  if (g.size < IN_JS_BELOW && g.dtype === "float32") return l2(g.dataSync() as Float32Array);
  const norm = tf.tidy(() => tf.sqrt(tf.sum(tf.square(g))));
  const value = norm.dataSync()[0];
  norm.dispose();
  return value;
}

/** `g · coef` as a new tensor (`coef` is a float32 value). */
function scale(g: tf.Tensor, coef: number): tf.Tensor {
  // Multiplying by 1 changes no value (NaN included): share the data.
  if (coef === 1) return g.clone();
  if (g.size >= IN_JS_BELOW || g.dtype !== "float32") return tf.mul(g, coef);
  const values = g.dataSync() as Float32Array;
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = values[i] * coef;
  return tf.tensor(out, g.shape, "float32");
}
