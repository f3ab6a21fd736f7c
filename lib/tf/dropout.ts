/**
 * Dropout with a seed, for the heads.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { maskDropout } from "../fast/dropout.ts";
import { fastPathOn } from "../fast/switch.ts";

/**
 * `tf.dropout(x, rate, undefined, seed)`: every value kept with probability `1 − rate` and scaled
 * by `1 / (1 − rate)`. While the fast path is on, the same masks are built in one op instead of
 * tfjs' four (`../fast/dropout.ts`; tests/dropout_test.ts checks them bit for bit).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { dropout } from "./dropout.ts";
 * console.log(dropout(tf.ones([2, 3]), 0.5, 7).shape); // [2, 3]
 * ```
 */
export function dropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) {
    throw new ArgumentError("rate", rate, "is not in [0, 1)", "use e.g. 0.1");
  }
  if (x.dtype !== "float32") {
    throw new ArgumentError(
      "x.dtype",
      x.dtype,
      "dropout needs a float32 tensor",
      "cast it: x.toFloat()",
    );
  }
  if (rate === 0) return x.clone();
  return fastPathOn() ? maskDropout(x, rate, seed) : tf.dropout(x, rate, undefined, seed);
}
