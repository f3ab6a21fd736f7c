/**
 * The index of the largest value of a row: what turns scores into a class id, for the
 * calibration curve, word predictions and `predict`.
 * @module
 */

/**
 * The first index of the largest value of `row` (`np.argmax` on one row; 0 for an empty row).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { argmaxRow } from "./argmax.ts";
 * assertEquals(argmaxRow([0.1, 0.7, 0.7, 0.2]), 1);
 * ```
 */
export function argmaxRow(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}
