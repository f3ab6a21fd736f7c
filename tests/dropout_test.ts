import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { ArgumentError } from "../lib/errors.ts";
import { withFastPath } from "../lib/fast/switch.ts";
import { dropout } from "../lib/tf/dropout.ts";

await initBackend({ quiet: true });

Deno.test("dropout: the fast path gives tf.dropout's masks bit for bit, across seeds, rates and shapes", () => {
  // 60,000 values per mask: alea's rare carry (about one step in 2,000) happens many times.
  const x = tf.randomNormal([3, 200, 100], 0, 1, "float32", 1);
  for (const seed of [0, 1, 42, 123456789, 2 ** 31 - 1]) {
    for (const rate of [1e-6, 0.1, 0.3, 0.5, 0.9, 0.999]) {
      const got = withFastPath(true, () => dropout(x, rate, seed));
      const want = withFastPath(false, () => dropout(x, rate, seed)); // the plain path: tf.dropout
      assertEquals(got.shape, want.shape);
      assertEquals(got.dataSync(), want.dataSync());
      tf.dispose([got, want]);
    }
  }
  x.dispose();
});

Deno.test("dropout: the gradient is the mask; rate 0 is the identity; bad rates refused", () => {
  const x = tf.ones([64]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(dropout(t, 0.25, 3)))(x);
  assertEquals(g.dataSync(), tf.dropout(x, 0.25, undefined, 3).dataSync());
  assertEquals(dropout(x, 0, 3).dataSync(), x.dataSync());
  assertThrows(() => dropout(x, 1, 3), ArgumentError, "rate = 1:");
  assertThrows(() => dropout(x, -0.1, 3), ArgumentError, "rate = -0.1:");
  tf.dispose([x, g]);
});
