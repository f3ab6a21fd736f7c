import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { Random } from "../lib/random.ts";
import { clipGradNorm } from "../lib/train/clip.ts";

const backend = await initBackend({ quiet: true });
const rng = new Random(11);
const tensor = (shape: number[], scale: number) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () =>
      (rng.random() - 0.5) * scale),
    shape,
  );

/** The same clipping as tfjs ops: per-tensor norms, their norm, the coefficient, the products. */
function clipWithOps(grads: tf.NamedTensorMap, maxNorm: number) {
  return tf.tidy(() => {
    const l2 = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t)));
    const total = l2(tf.stack(Object.values(grads).map(l2)));
    const coef = tf.minimum(tf.div(maxNorm, tf.add(total, 1e-6)), 1);
    return {
      totalNorm: total.dataSync()[0],
      values: Object.values(grads).map((g) => tf.mul(g, coef).dataSync()),
    };
  });
}

// tfjs-wasm sums one value after another in float32, as clipGradNorm does; other backends sum
// in another order (the cpu backend in float64), so there the last bit may differ.
Deno.test({
  name: `clipGradNorm: the numbers of tfjs ops, bit for bit, small and large gradients${
    backend === "wasm" ? "" : ` (skipped: backend ${backend} is not wasm)`
  }`,
  ignore: backend !== "wasm",
  fn: () => {
    // [120, 130] is just under the size where the norm and the scaling run as tfjs ops, [200, 100]
    // above it.
    for (const [maxNorm, scale] of [[1, 1], [1, 0.001], [0.5, 30]]) {
      const grads = {
        a: tensor([120, 130], scale),
        b: tensor([200, 100], scale),
        c: tensor([3], scale),
      };
      const got = clipGradNorm(grads, maxNorm);
      const want = clipWithOps(grads, maxNorm);
      assertEquals(got.totalNorm, want.totalNorm);
      assertEquals(Object.values(got.grads).map((g) => g.dataSync()), want.values);
      tf.dispose([grads, got.grads]);
    }
  },
});

Deno.test("clipGradNorm: a NaN gradient makes every gradient NaN, as torch (no silent clip)", () => {
  const grads = { a: tf.tensor1d([1, NaN]), b: tf.tensor1d([3]) };
  const { grads: out, totalNorm } = clipGradNorm(grads, 1);
  assert(Number.isNaN(totalNorm));
  assert([...out.a.dataSync(), ...out.b.dataSync()].every(Number.isNaN));
  tf.dispose([grads, out]);
});

Deno.test("clipGradNorm: under maxNorm the gradients come back unchanged, as new tensors", () => {
  const grads = { a: tf.tensor1d([0.3, -0.4]) };
  const { grads: out, totalNorm } = clipGradNorm(grads, 1);
  assertEquals(totalNorm, Math.fround(0.5));
  assertEquals(out.a.dataSync(), grads.a.dataSync());
  grads.a.dispose();
  assertEquals(out.a.dataSync(), new Float32Array([0.3, -0.4]));
  out.a.dispose();
});
