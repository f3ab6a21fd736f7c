/**
 * Gradients tfjs lacks: `ScatterNd` (→ `gatherND` of dy) and `GatherNd` (→ `scatterND` of dy).
 * Converted TensorFlow graphs (USE-lite) use them to pack and unpack real tokens. While the fast
 * path is on (`../fast/switch.ts`), {@linkcode registerKitGradients} also registers the faster
 * gradients of `../fast/gradients.ts`. Registration is for the whole process; a model that
 * trains through these ops (`TrainableUseLite.load`) calls it, importing a module does not.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { registerFastGradients } from "../fast/gradients.ts";
import { fastPathOn } from "../fast/switch.ts";

let registered = false;

/**
 * Registers the gradients tfjs lacks, and while the fast path is on the faster ones
 * (idempotent: later calls add only what is missing).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assertEquals } from "@std/assert";
 * import { registerKitGradients } from "./gradients.ts";
 * registerKitGradients();
 * const x = tf.tensor2d([[1, 2], [3, 4]]);
 * const idx = tf.tensor2d([[1, 0]], [1, 2], "int32");
 * const g = tf.grad((p: tf.Tensor) => tf.gatherND(p, idx).mul(5))(x);
 * assertEquals(g.arraySync(), [[0, 0], [5, 0]]);
 * ```
 */
export function registerKitGradients(): void {
  if (fastPathOn()) registerFastGradients();
  if (registered) return;
  registered = true;

  tf.registerGradient({
    kernelName: "ScatterNd",
    inputsToSave: ["indices"],
    gradFunc: (dy, saved) => {
      const [indices] = saved;
      return {
        indices: () => tf.zerosLike(indices),
        updates: () => tf.gatherND(dy as tf.Tensor, indices),
      };
    },
  });

  tf.registerGradient({
    kernelName: "GatherNd",
    inputsToSave: ["params", "indices"],
    gradFunc: (dy, saved) => {
      const [params, indices] = saved;
      return {
        params: () => tf.scatterND(indices, dy as tf.Tensor, params.shape),
        indices: () => tf.zerosLike(indices),
      };
    },
  });
}
