/**
 * The softmax of one row of scores: what turns logits into class probabilities, for `predict`
 * (`softmax`) and temperature scaling (`scaledSoftmax` with β = 1/T).
 * @module
 */

/**
 * `softmax(beta · row)`, shifted by the row's maximum so that large logits do not overflow:
 * `exp(beta · (z − max)) / Σ exp(beta · (z_c − max))`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { scaledSoftmax } from "./softmax.ts";
 * const [q] = scaledSoftmax([2, 0], 0.5); // temperature 2
 * assert(q.toFixed(4) === "0.7311");
 * ```
 */
export function scaledSoftmax(row: readonly number[], beta: number): number[] {
  const max = Math.max(...row);
  const e = row.map((z) => Math.exp(beta * (z - max)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/**
 * The softmax of one row of logits: `scaledSoftmax(row, 1)`, bit for bit the plain softmax
 * (`1 · x` is `x`). It takes one argument on purpose, so `rows.map(softmax)` is safe (`map`
 * passes the index second, which would otherwise become β).
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { softmax } from "./softmax.ts";
 * const p = softmax([0, Math.log(3)]);
 * assert(Math.abs(p[0] - 0.25) < 1e-12 && Math.abs(p[1] - 0.75) < 1e-12);
 * assertEquals([[0, 1], [0, 1]].map(softmax), [softmax([0, 1]), softmax([0, 1])]);
 * ```
 */
export function softmax(row: readonly number[]): number[] {
  return scaledSoftmax(row, 1);
}
