/**
 * Helpers for registering gradients over tfjs' own (`gradients.ts`, `../fast/gradients.ts`).
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** Thunks of the gradient of each input, as tfjs' gradient functions return them. */
export type Grads = { [input: string]: () => tf.Tensor };

/**
 * Registers a gradient for `kernelName` that may fall back on the one registered before it
 * (tfjs' own, or one this kit registered earlier): `own()` computes that one.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { extendGradient } from "./grad_util.ts";
 * extendGradient("Neg", ["x"], (_dy, _saved, _attrs, own) => own()); // tfjs' gradient, unchanged
 * console.log(tf.grad((x: tf.Tensor) => tf.neg(x))(tf.scalar(2)).dataSync()); // Float32Array [-1]
 * ```
 */
export function extendGradient(
  kernelName: string,
  inputsToSave: string[],
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[], attrs: tf.NamedAttrMap, own: () => Grads) => Grads,
): void {
  const before = tf.getGradient(kernelName) as unknown as {
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[], attrs: tf.NamedAttrMap) => Grads;
  } | undefined;
  tf.registerGradient({
    kernelName,
    inputsToSave,
    gradFunc: (dy, saved, attrs) =>
      gradFunc(dy as tf.Tensor, saved, attrs, () => {
        if (!before) throw new Error(`tfjs has no gradient for ${kernelName}`);
        return before.gradFunc(dy as tf.Tensor, saved, attrs);
      }),
  });
}

/**
 * Whether the current backend has a kernel.
 *
 * @example
 * ```ts
 * import { hasKernel } from "./grad_util.ts";
 * console.log(typeof hasKernel("Add")); // "boolean"
 * ```
 */
export function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/**
 * A 1×1 convolution with stride 1 and no dilation over NHWC: a matrix product per pixel.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { isPointwise } from "./grad_util.ts";
 * const attrs = { strides: 1, dilations: 1, dataFormat: "NHWC" };
 * console.log(isPointwise(tf.zeros([1, 1, 4, 8]), attrs)); // true
 * ```
 */
export function isPointwise(filter: tf.Tensor, attrs: tf.NamedAttrMap): boolean {
  const { strides, dilations, dataFormat } = attrs as {
    strides: number | number[];
    dilations: number | number[];
    dataFormat: string;
  };
  const ones = (v: number | number[]) => [v].flat().every((s) => s === 1);
  return filter.shape[0] === 1 && filter.shape[1] === 1 && ones(strides) && ones(dilations) &&
    dataFormat === "NHWC";
}
