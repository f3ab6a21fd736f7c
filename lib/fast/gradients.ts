/**
 * Faster gradients than tfjs' own for what the kit's models run most, computed by faster ops
 * (tests/broadcast_grad_test.ts and tests/pointwise_conv_grad_test.ts compare them with tfjs'
 * own); registered by `../tf/gradients.ts`'s `registerKitGradients` while the fast path is on:
 *
 * - `BatchMatMul`: tfjs differentiates with `matMul(..., transposeA, transposeB)`, which the
 *   wasm backend runs 10-20x slower than an explicit `transpose` then a plain `matMul`
 *   (1,894 ms vs 92 ms measured on USE-lite's attention); same numbers, explicit transposes.
 * - 1×1 convolutions (stride 1, NHWC; USE-lite's attention projections) are matrix products: on
 *   wasm their input gradient is a `matMul`, because wasm's `Conv2DBackpropInput` runs ~30x
 *   slower (1,718 of 3,056 ms of a USE-lite training step, batch 32).
 * - On wasm, the broadcast gradients of `Add`, `Sub` and `Multiply` (biases, layer-norm scales)
 *   when they sum over leading axes: as `ones · dy` (XNNPACK, 0.3 ms for 4096 × 512) instead of
 *   wasm's `sum` over axis 0, which transposes first (16 ms).
 *
 * Other cases keep tfjs' own gradient.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { extendGradient, isPointwise } from "../tf/grad_util.ts";

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

  extendGradient("BatchMatMul", ["a", "b"], (d, [a, b], attrs) => {
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
  });

  // Over ../tf/gradients.ts's Conv2D gradient, registered first (its filter gradient on wasm).
  extendGradient("Conv2D", ["x", "filter"], (dy, [x, filter], attrs, own) => {
    if (tf.getBackend() !== "wasm" || !isPointwise(filter, attrs)) return own();
    const [, , cin, cout] = filter.shape;
    const dx = () =>
      tf.matMul(tf.reshape(dy, [-1, cout]), tf.transpose(tf.reshape(filter, [cin, cout])))
        .reshape(x.shape);
    return { ...own(), x: dx };
  });

  // Broadcast gradients on wasm: dy summed down to each input's shape by `reduceTo`.
  extendGradient("Add", ["a", "b"], (dy, [a, b], _attrs, own) => {
    if (tf.getBackend() !== "wasm") return own();
    return { a: () => reduceTo(dy, a.shape), b: () => reduceTo(dy, b.shape) };
  });
  extendGradient("Sub", ["a", "b"], (dy, [a, b], _attrs, own) => {
    if (tf.getBackend() !== "wasm") return own();
    return { a: () => reduceTo(dy, a.shape), b: () => tf.neg(reduceTo(dy, b.shape)) };
  });
  extendGradient("Multiply", ["a", "b"], (dy, [a, b], _attrs, own) => {
    if (tf.getBackend() !== "wasm") return own();
    return {
      a: () => reduceTo(tf.mul(dy, tf.cast(b, "float32")), a.shape),
      b: () => reduceTo(tf.mul(dy, tf.cast(a, "float32")), b.shape),
    };
  });
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
