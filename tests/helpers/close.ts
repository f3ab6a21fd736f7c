/**
 * The tolerance of the Hugging Face parity tests: float32 sums taken in another order differ by a
 * fraction of the tensor's largest value, not of each element.
 * @module
 */
import { assertAllClose } from "@std/assert";

/**
 * Asserts the same length and, elementwise, |a − e| ≤ 1e-4 · max(max |e|, floor). `floor` is for
 * tensors that are zero in exact arithmetic (the key bias's gradient: softmax ignores a constant
 * added to every score), where both sides are float noise.
 */
export function assertCloseToScale(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  floor = 0,
): void {
  let scale = floor;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  assertAllClose(actual, expected, { atol: 1e-4 * scale, rtol: 0 }, what);
}
