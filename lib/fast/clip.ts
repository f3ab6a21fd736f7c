/**
 * The fast path of `lib/train/clip.ts`: small gradients are read and summed (and scaled) in
 * JavaScript, since a few tfjs ops per gradient cost more in dispatch than the arithmetic. The
 * float32 rounding after every square, addition and product gives tfjs-wasm's numbers bit for
 * bit (tests/clip_test.ts compares the two paths).
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** Gradients smaller than this go through JavaScript (the sizes where AdamW fuses its update). */
const IN_JS_BELOW = 16_384;

/**
 * The L2 norm of the per-tensor L2 norms of `grads`, as tfjs-wasm's
 * `sqrt(sum(square(stack(grads.map((g) => sqrt(sum(square(g))))))))` gives it.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { totalNormInJs } from "./clip.ts";
 * const g = [tf.tensor1d([3, 4]), tf.tensor1d([12])];
 * assert(totalNormInJs(g) === 13);
 * tf.dispose(g);
 * ```
 */
export function totalNormInJs(grads: tf.Tensor[]): number {
  return l2(Float32Array.from(grads, tensorNorm));
}

/**
 * `g · coef` as a new tensor (`coef` a float32 value), as tfjs's `mul(g, coef)` gives it.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { scaleInJs } from "./clip.ts";
 * const g = tf.tensor1d([1, -2]);
 * const s = scaleInJs(g, 0.5);
 * assert(s.dataSync().join() === "0.5,-1");
 * tf.dispose([g, s]);
 * ```
 */
export function scaleInJs(g: tf.Tensor, coef: number): tf.Tensor {
  // Multiplying by 1 changes no value (NaN included): share the data.
  if (coef === 1) return g.clone();
  if (g.size >= IN_JS_BELOW || g.dtype !== "float32") return tf.mul(g, coef);
  const values = g.dataSync() as Float32Array;
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = values[i] * coef;
  return tf.tensor(out, g.shape, "float32");
}

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
