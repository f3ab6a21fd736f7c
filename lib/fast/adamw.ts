/**
 * AdamW's update in one JavaScript loop per variable: `tensorUpdate` of `../train/optimizer.ts`
 * (the plain update in tfjs ops) with each product, sum, quotient and root rounded to float32 in
 * the same order, so the numbers are the tfjs ops', bit for bit (tests/adamw_fused_test.ts).
 * For the small variables of a head, dispatching ~14 tfjs ops costs more than their arithmetic.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { fastPathOn } from "./switch.ts";
// A type-only import: ../train/optimizer.ts imports this module for its fast path.
import type { UpdateScalars } from "../train/optimizer.ts";

/** Below this many values the loop is faster than tfjs ops; the two cost the same near 16k on wasm. */
const FUSED_BELOW = 16_384;

/**
 * Whether AdamW updates a variable of `size` values by the loop when its `fused` option is
 * unset: while the fast path is on, for variables below 16,384 values.
 *
 * @example
 * ```ts
 * import { fusedByDefault } from "./adamw.ts";
 * console.log(fusedByDefault(1026), fusedByDefault(1_000_000)); // true false
 * ```
 */
export function fusedByDefault(size: number): boolean {
  return fastPathOn() && size < FUSED_BELOW;
}

/**
 * The AdamW update of one variable in one loop over its values; the moments are updated in
 * place. Each step of the plain update is rounded to float32 in its order (the float64 result
 * of two float32 operands rounds to the float32 one).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { fusedUpdate } from "./adamw.ts";
 * const p = tf.variable(tf.tensor1d([1, -1]));
 * const [m, v] = [new Float32Array(2), new Float32Array(2)];
 * const k = { decay: 1, beta1: 0.9, beta2: 0.999, eps: 1e-8, stepSize: 0.1 / 0.1, biasCorrection2Sqrt: Math.sqrt(0.001) };
 * fusedUpdate(p, tf.tensor1d([2, -2]), m, v, k);
 * console.log(p.dataSync()); // Float32Array [0.8999999761581421, -0.8999999761581421]
 * ```
 */
export function fusedUpdate(
  p: tf.Variable,
  grad: tf.Tensor,
  expAvg: Float32Array,
  expAvgSq: Float32Array,
  k: UpdateScalars,
): void {
  if (grad.dtype !== "float32" || grad.size !== p.size) {
    // Named as the caller passed it: AdamW.step(grads), keyed by the variable's name.
    throw new ArgumentError(
      `grads[${JSON.stringify(p.name)}]`,
      `${grad.dtype} [${grad.shape}]`,
      `is not float32 of the variable's shape [${p.shape}]`,
      "pass the gradient tf.variableGrads gives for that variable",
    );
  }
  const f = Math.fround;
  const [decay, b1, c1, b2, c2] = [k.decay, k.beta1, 1 - k.beta1, k.beta2, 1 - k.beta2].map(f);
  const [bc2, eps, stepSize] = [k.biasCorrection2Sqrt, k.eps, k.stepSize].map(f);
  const values = p.dataSync() as Float32Array;
  const g = grad.dataSync() as Float32Array;
  // A new buffer, never a write into `p`'s: other tensors may share its data.
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const gi = g[i];
    const m = f(f(expAvg[i] * b1) + f(gi * c1));
    const v = f(f(expAvgSq[i] * b2) + f(f(gi * gi) * c2));
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denom = f(f(f(Math.sqrt(v)) / bc2) + eps);
    out[i] = f(f(values[i] * decay) - f(f(m / denom) * stepSize));
  }
  const t = tf.tensor(out, p.shape, "float32");
  p.assign(t);
  t.dispose();
}
