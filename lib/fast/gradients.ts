/**
 * Faster gradients than tfjs' own for what the kit's models run most, computed by faster ops
 * (tests/broadcast_grad_test.ts and tests/pointwise_conv_grad_test.ts compare them with tfjs'
 * own); registered by `../tf/gradients.ts`'s `registerKitGradients` while the fast path is on:
 *
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
 * - On wasm, the broadcast gradients of `Add`, `Sub` and `Multiply` (biases, layer-norm scales)
 *   when they sum over leading axes: as `ones · dy` (XNNPACK, 0.3 ms for 4096 × 512) instead of
 *   wasm's `sum` over axis 0, which transposes first (16 ms).
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
 * Registers the faster gradients for the whole process (idempotent).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assertEquals } from "@std/assert";
 * import { registerFastGradients } from "./gradients.ts";
 * registerFastGradients();
 * const a = tf.tensor2d([[1, 2]]);
 * const g = tf.grad((b: tf.Tensor) => tf.sum(tf.matMul(a, b)))(tf.ones([2, 1]));
 * assertEquals(g.arraySync(), [[1], [2]]);
 * ```
 */
export function registerFastGradients(): void {
  if (registered) return;
  registered = true;

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

  const add = original("Add");
  tf.registerGradient({
    kernelName: "Add",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      if (tf.getBackend() !== "wasm") return add.gradFunc(dy, saved, attrs);
      const d = dy as tf.Tensor;
      return { a: () => reduceTo(d, a.shape), b: () => reduceTo(d, b.shape) };
    },
  });

  const sub = original("Sub");
  tf.registerGradient({
    kernelName: "Sub",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      if (tf.getBackend() !== "wasm") return sub.gradFunc(dy, saved, attrs);
      const d = dy as tf.Tensor;
      return { a: () => reduceTo(d, a.shape), b: () => tf.neg(reduceTo(d, b.shape)) };
    },
  });

  const mul = original("Multiply");
  tf.registerGradient({
    kernelName: "Multiply",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      if (tf.getBackend() !== "wasm") return mul.gradFunc(dy, saved, attrs);
      const d = dy as tf.Tensor;
      return {
        a: () => reduceTo(tf.mul(d, tf.cast(b, "float32")), a.shape),
        b: () => reduceTo(tf.mul(d, tf.cast(a, "float32")), b.shape),
      };
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

/** Below this many values a broadcast gradient keeps tfjs' `sum`. */
const SMALL_SUM = 16_384;

/**
 * `dy` summed down to `shape` (the broadcast gradient). A sum over leading axes only is a
 * product with a row of ones, which wasm runs through XNNPACK.
 */
function reduceTo(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, dy.shape);
  if (axes.length === 0) return tf.reshape(dy, shape);
  const leading = axes.every((axis, i) => axis === i);
  // Small sums are cheaper as one `sum` than as ones + reshape + matMul.
  if (!leading || dy.dtype !== "float32" || dy.size < SMALL_SUM) {
    return tf.reshape(tf.sum(dy, axes), shape);
  }
  const rows = dy.shape.slice(0, axes.length).reduce((x, y) => x * y, 1);
  const cols = dy.size / rows;
  return tf.reshape(tf.matMul(tf.ones([1, rows]), tf.reshape(dy, [rows, cols])), shape);
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
