import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { withFastPath } from "../lib/fast/switch.ts";
import { crossEntropyLoss, type Reduction } from "../lib/losses.ts";
import { Random } from "../lib/random.ts";
import { registerKitGradients } from "../lib/tf/gradients.ts";

await initBackend({ quiet: true });
registerKitGradients();

Deno.test("crossEntropyLoss: the fast path's loss and closed-form gradient equal the plain path's ops + autodiff, bit for bit, for every option", () => {
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
            tf.sum(
              tf.mul(
                withFastPath(
                  true,
                  () => crossEntropyLoss(z, nested, { weight, labelSmoothing, reduction }),
                ),
                cot,
              ),
            )
          )(x);
          const ref = tf.valueAndGrad((z: tf.Tensor) =>
            tf.sum(
              tf.mul(
                withFastPath(
                  false,
                  () => crossEntropyLoss(z, nested, { weight, labelSmoothing, reduction }),
                ),
                cot,
              ),
            )
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
