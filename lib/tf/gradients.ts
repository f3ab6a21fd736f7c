/**
 * Gradients tfjs lacks or makes slow, registered once for every model of the kit:
 *
 * - `ScatterNd` (→ `gatherND` of dy) and `GatherNd` (→ `scatterND` of dy): tfjs has none, and
 *   converted TensorFlow graphs (USE-lite) use them to pack and unpack real tokens.
 * - `BatchMatMul`: tfjs differentiates with `matMul(..., transposeA, transposeB)`, which the
 *   wasm backend runs 10-20x slower than an explicit `transpose` then a plain `matMul`
 *   (1,894 ms vs 92 ms measured on USE-lite's attention); same numbers, explicit transposes.
 * - 1×1 convolutions (stride 1, NHWC; USE-lite's attention projections) are matrix products:
 *   where the backend has no `Conv2DBackpropFilter` kernel (wasm), their filter gradient is a
 *   `matMul`; on wasm their input gradient is one too, because wasm's `Conv2DBackpropInput`
 *   runs ~30x slower than `matMul` (1,718 of 3,056 ms of a USE-lite training step, batch 32).
 * - Where the backend has no `UnsortedSegmentSum` kernel (wasm): the gradient of an axis-0
 *   `gather` (an embedding lookup) as a `scatterND`, which sums the rows of repeated ids.
 *
 * Other cases keep tfjs' own gradient.
 * @module
 */
import * as tf from "@tensorflow/tfjs";

type GradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
  [input: string]: () => tf.Tensor;
};

let registered = false;

/**
 * Registers the kit's gradients (idempotent: later calls do nothing).
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

  tf.registerGradient({
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      const d = dy as tf.Tensor;
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const t = swapLastTwo;
      if (!transposeA && !transposeB) {
        return { a: () => tf.matMul(d, t(b)), b: () => tf.matMul(t(a), d) };
      } else if (!transposeA && transposeB) {
        return { a: () => tf.matMul(d, b), b: () => tf.matMul(t(d), a) };
      } else if (transposeA && !transposeB) {
        return { a: () => tf.matMul(b, t(d)), b: () => tf.matMul(a, d) };
      }
      return { a: () => tf.matMul(t(b), t(d)), b: () => tf.matMul(t(d), t(a)) };
    },
  });

  const conv2d = original("Conv2D");
  tf.registerGradient({
    kernelName: "Conv2D",
    inputsToSave: ["x", "filter"],
    gradFunc: (dy, saved, attrs) => {
      const grads = conv2d.gradFunc(dy, saved, attrs);
      const [x, filter] = saved;
      if (!isPointwise(filter, attrs)) return grads;
      const [, , cin, cout] = filter.shape;
      const d = dy as tf.Tensor;
      const out = { ...grads };
      if (tf.getBackend() === "wasm") {
        out.x = () =>
          tf.matMul(tf.reshape(d, [-1, cout]), tf.transpose(tf.reshape(filter, [cin, cout])))
            .reshape(x.shape);
      }
      if (!hasKernel("Conv2DBackpropFilter")) {
        out.filter = () =>
          tf.matMul(tf.transpose(tf.reshape(x, [-1, cin])), tf.reshape(d, [-1, cout]))
            .reshape(filter.shape);
      }
      return out;
    },
  });

  const gather = original("GatherV2");
  tf.registerGradient({
    kernelName: "GatherV2",
    inputsToSave: ["x", "indices"],
    gradFunc: (dy, saved, attrs) => {
      const [x, indices] = saved;
      const { axis, batchDims } = attrs as { axis: number; batchDims: number };
      if (hasKernel("UnsortedSegmentSum") || axis !== 0 || batchDims !== 0) {
        return gather.gradFunc(dy, saved, attrs);
      }
      return {
        x: () =>
          tf.scatterND(
            tf.reshape(indices, [-1, 1]),
            tf.reshape(dy as tf.Tensor, [indices.size, ...x.shape.slice(1)]),
            x.shape,
          ),
        indices: () => indices,
      };
    },
  });
}

function original(kernelName: string): { gradFunc: GradFunc } {
  const config = tf.getGradient(kernelName);
  if (!config) throw new Error(`tfjs has no gradient for ${kernelName} to extend`);
  return config as unknown as { gradFunc: GradFunc };
}

function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

function swapLastTwo(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(t, perm);
}

/** A 1×1 convolution with stride 1 and no dilation over NHWC: a matrix product per pixel. */
function isPointwise(filter: tf.Tensor, attrs: tf.NamedAttrMap): boolean {
  const { strides, dilations, dataFormat } = attrs as {
    strides: number | number[];
    dilations: number | number[];
    dataFormat: string;
  };
  const ones = (v: number | number[]) => [v].flat().every((s) => s === 1);
  return filter.shape[0] === 1 && filter.shape[1] === 1 && ones(strides) && ones(dilations) &&
    dataFormat === "NHWC";
}
