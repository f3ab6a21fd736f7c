import * as tf from "@tensorflow/tfjs";
import { assertAllClose, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { registerKitGradients } from "../lib/tf/gradients.ts";

/** Row-major [n, k] × [k, m] on plain arrays: the reference for a 1×1 convolution's gradients. */
function matMul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
}
const transpose = (a: number[][]) => a[0].map((_, j) => a.map((row) => row[j]));

Deno.test("1×1 convolution gradients (kit: matMul on wasm) equal dy·Wᵀ and xᵀ·dy", async () => {
  await initBackend({ quiet: true });
  registerKitGradients();
  const [n, h, cin, cout] = [2, 3, 4, 5];
  const value = (i: number) => Math.sin(i * 0.7) + 0.1 * i;
  const xs = Array.from({ length: n * h * cin }, (_, i) => value(i));
  const fs = Array.from({ length: cin * cout }, (_, i) => value(i + 100));
  const ws = Array.from({ length: n * h * cout }, (_, i) => value(i + 200));
  const x = tf.tensor4d(xs, [n, h, 1, cin]);
  const filter = tf.tensor4d(fs, [1, 1, cin, cout]);
  const w = tf.tensor4d(ws, [n, h, 1, cout]);
  // loss = Σ conv(x, f) ⊙ w, so dy = w.
  const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "valid"), w))
  )([x, filter]);
  const rows = (flat: number[], cols: number) =>
    Array.from({ length: flat.length / cols }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
  const X = rows(xs, cin), F = rows(fs, cout), DY = rows(ws, cout);
  assertEquals(dx.shape, [n, h, 1, cin]);
  assertAllClose(rows([...dx.dataSync()], cin), matMul(DY, transpose(F)), { atol: 1e-5 });
  assertAllClose(rows([...df.dataSync()], cout), matMul(transpose(X), DY), { atol: 1e-5 });
  tf.dispose([x, filter, w, dx, df]);
});
