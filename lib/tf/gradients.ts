/**
 * Gradients tfjs lacks, for converted TensorFlow graphs (USE-lite):
 *
 * - `ScatterNd` (→ `gatherND` of dy) and `GatherNd` (→ `scatterND` of dy), which pack and unpack
 *   real tokens;
 * - where the backend has no `Conv2DBackpropFilter` kernel (wasm), the filter gradient of a 1×1
 *   convolution (stride 1, NHWC: the attention projections) as the `matMul` it is;
 * - where the backend has no `UnsortedSegmentSum` kernel (wasm), the gradient of an axis-0
 *   `gather` (an embedding lookup) as a `scatterND`, which sums the rows of repeated ids.
 *
 * Other cases keep tfjs' own gradient. While the fast
 * path is on (`../fast/switch.ts`), {@linkcode registerKitGradients} also registers the faster
 * gradients of `../fast/gradients.ts`. Registration is for the whole process; a model that
 * trains through these ops (`TrainableUseLite.load`) calls it, importing a module does not.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { registerFastGradients } from "../fast/gradients.ts";
import { extendGradient, hasKernel, isPointwise } from "./grad_util.ts";
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
  registerMissingGradients();
  // After the missing ones: the fast Conv2D gradient wraps this module's.
  if (fastPathOn()) registerFastGradients();
}

function registerMissingGradients(): void {
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

  extendGradient("Conv2D", ["x", "filter"], (dy, [x, filter], attrs, own) => {
    if (hasKernel("Conv2DBackpropFilter") || !isPointwise(filter, attrs)) return own();
    const [, , cin, cout] = filter.shape;
    const dFilter = () =>
      tf.matMul(tf.transpose(tf.reshape(x, [-1, cin])), tf.reshape(dy, [-1, cout]))
        .reshape(filter.shape);
    return { ...own(), filter: dFilter };
  });

  extendGradient("GatherV2", ["x", "indices"], (dy, [x, indices], attrs, own) => {
    const { axis, batchDims } = attrs as { axis: number; batchDims: number };
    if (hasKernel("UnsortedSegmentSum") || axis !== 0 || batchDims !== 0) return own();
    const rows = tf.reshape(dy, [indices.size, ...x.shape.slice(1)]);
    return {
      x: () => tf.scatterND(tf.reshape(indices, [-1, 1]), rows, x.shape),
      indices: () => indices,
    };
  });
}
