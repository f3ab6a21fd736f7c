/**
 * The softmax of one row of scores: what turns logits into class probabilities, for `predict`
 * (β = 1) and temperature scaling (β = 1/T).
 * @module
 */

/**
 * `softmax(beta · row)`, shifted by the row's maximum so that large logits do not overflow:
 * `exp(beta · (z − max)) / Σ exp(beta · (z_c − max))`. With `beta` 1 (the default) it is the
 * plain softmax, bit for bit (`1 · x` is `x`).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { softmax } from "./softmax.ts";
 * const p = softmax([0, Math.log(3)]);
 * assert(Math.abs(p[0] - 0.25) < 1e-12 && Math.abs(p[1] - 0.75) < 1e-12);
 * const [q] = softmax([2, 0], 0.5); // temperature 2
 * assert(q.toFixed(4) === "0.7311");
 * ```
 */
export function softmax(row: readonly number[], beta = 1): number[] {
  const max = Math.max(...row);
  const e = row.map((z) => Math.exp(beta * (z - max)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}
