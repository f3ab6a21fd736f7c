import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { crossEntropyLoss, type Reduction } from "../lib/losses.ts";
import { Random } from "../lib/random.ts";
import { registerKitGradients } from "../lib/tf/gradients.ts";

await initBackend({ quiet: true });
registerKitGradients();

/**
 * Cross-entropy written as plain tfjs ops (the kit's earlier code), differentiated by tfjs'
 * autodiff: the reference.
 */
function byAutodiff(
  logits: tf.Tensor,
  labels: number[],
  weight: number[] | undefined,
  labelSmoothing: number,
  reduction: Reduction,
): tf.Tensor {
  const c = logits.shape.at(-1)!;
  const n = logits.size / c;
  const safe = labels.map((y) => (y === -100 ? 0 : y));
  const rowWeight = labels.map((y) => (y === -100 ? 0 : weight ? weight[y] : 1));
  const denominator = rowWeight.reduce((a, b) => a + b, 0);
  const logp = tf.logSoftmax(tf.reshape(logits, [n, c]));
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(safe, "int32"), c), "float32");
  let perRow = tf.neg(tf.mul(tf.sum(tf.mul(oneHot, logp), 1), tf.tensor1d(rowWeight)));
  if (labelSmoothing > 0) {
    const weighted = weight ? tf.mul(logp, tf.tensor1d(weight)) : logp;
    const notIgnored = tf.tensor1d(labels.map((y) => (y === -100 ? 0 : 1)), "float32");
    const smooth = tf.mul(tf.neg(tf.sum(weighted, 1)), notIgnored);
    perRow = tf.add(tf.mul(perRow, 1 - labelSmoothing), tf.mul(smooth, labelSmoothing / c));
  }
  if (reduction === "none") return tf.reshape(perRow, logits.shape.slice(0, -1));
  const total = tf.sum(perRow);
  return reduction === "sum" ? total : tf.div(total, tf.scalar(denominator));
}

Deno.test("crossEntropyLoss: loss and closed-form gradient equal plain ops + autodiff, bit for bit, for every option", () => {
  const rng = new Random(3);
  for (const shape of [[32, 2], [5, 7, 4]]) {
    const c = shape.at(-1)!;
    const n = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const x = tf.tensor(Array.from({ length: n * c }, () => (rng.random() - 0.5) * 8), shape);
    const labels = Array.from({ length: n }, () => (rng.random() < 0.2 ? -100 : rng.randInt(c)));
    const nested = shape.length === 2 ? labels : Array.from(
      { length: shape[0] },
      (_, i) => labels.slice(i * shape[1], (i + 1) * shape[1]),
    );
    for (const weight of [undefined, Array.from({ length: c }, () => 0.2 + rng.random() * 3)]) {
      for (const labelSmoothing of [0, 0.15]) {
        for (const reduction of ["mean", "sum", "none"] as Reduction[]) {
          const cot = tf.tensor(
            Array.from({ length: reduction === "none" ? n : 1 }, () => rng.random() * 2 - 0.5),
            reduction === "none" ? shape.slice(0, -1) : [],
          );
          const kit = tf.valueAndGrad((z: tf.Tensor) =>
            tf.sum(tf.mul(crossEntropyLoss(z, nested, { weight, labelSmoothing, reduction }), cot))
          )(x);
          const ref = tf.valueAndGrad((z: tf.Tensor) =>
            tf.sum(tf.mul(byAutodiff(z, labels, weight, labelSmoothing, reduction), cot))
          )(x);
          const what =
            `shape ${shape}, weight ${!!weight}, smoothing ${labelSmoothing}, ${reduction}`;
          assertEquals(kit.value.dataSync(), ref.value.dataSync(), `loss: ${what}`);
          assertEquals(kit.grad.dataSync(), ref.grad.dataSync(), `gradient: ${what}`);
          tf.dispose([cot, kit.value, kit.grad, ref.value, ref.grad]);
        }
      }
    }
    x.dispose();
  }
});
