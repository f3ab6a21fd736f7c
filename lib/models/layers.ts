/**
 * The building blocks of a BERT-family encoder in tfjs ops, numbered as PyTorch computes them:
 * `nn.Linear` (weight `[out, in]`), `nn.LayerNorm`, the activations of `ACT2FN`, and seeded
 * dropout that is active only in training.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { dropout } from "../tf/dropout.ts";
import type { HiddenAct } from "./config.ts";

/**
 * `x Wᵀ + b` over the last axis, `W` as PyTorch stores it (`[out, in]`).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assertEquals } from "@std/assert";
 * import { linear } from "./layers.ts";
 * const y = linear(tf.ones([1, 2, 3]), tf.ones([4, 3]), tf.zeros([4]));
 * assertEquals(y.shape, [1, 2, 4]);
 * ```
 */
export function linear(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [out, inn] = weight.shape;
    const flat = x.rank === 2 ? x : x.reshape([-1, inn]);
    // An explicit transpose: wasm's matMul with a transpose flag is many times slower.
    const y = tf.add(tf.matMul(flat, tf.transpose(weight)), bias);
    return x.rank === 2 ? y : y.reshape([...x.shape.slice(0, -1), out]);
  });
}

/**
 * `nn.LayerNorm` over the last axis (biased variance, `eps` inside the square root).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assert } from "@std/assert";
 * import { layerNorm } from "./layers.ts";
 * const y = layerNorm(tf.tensor2d([[1, 3]]), tf.ones([2]), tf.zeros([2]), 1e-12);
 * const [a, b] = y.dataSync();
 * assert(Math.abs(a + 1) < 1e-6 && Math.abs(b - 1) < 1e-6);
 * ```
 */
export function layerNorm(
  x: tf.Tensor,
  weight: tf.Tensor,
  bias: tf.Tensor,
  eps: number,
): tf.Tensor {
  return tf.tidy(() => {
    const axis = x.rank - 1;
    const mean = tf.mean(x, axis, true);
    const centered = tf.sub(x, mean);
    const variance = tf.mean(tf.square(centered), axis, true);
    return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(variance, eps))), weight), bias);
  });
}

/**
 * The feed-forward activation by its Hugging Face name: `gelu` is the exact `x·Φ(x)` (erf form),
 * `gelu_new` the tanh approximation of GPT-2 and BERT's TensorFlow code.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assert } from "@std/assert";
 * import { activation } from "./layers.ts";
 * const [g] = activation(tf.tensor1d([1]), "gelu").dataSync();
 * const [n] = activation(tf.tensor1d([1]), "gelu_new").dataSync();
 * assert(Math.abs(g - 0.8413447) < 1e-6 && Math.abs(n - 0.8411920) < 1e-6);
 * ```
 */
export function activation(x: tf.Tensor, act: HiddenAct): tf.Tensor {
  return tf.tidy(() => {
    if (act === "relu") return tf.relu(x);
    if (act === "gelu") return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
    return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
  });
}

/**
 * Seeded dropout for one forward pass: each call draws its own mask, from the pass's seed and
 * the call's number; without `training` it is the identity.
 */
export class Dropout {
  #calls = 0;

  /** `training` switches dropout on; `seed` varies it per step. */
  constructor(readonly training: boolean, readonly seed: number) {}

  /** Drops `rate` of `x` in training; returns `x` itself otherwise. */
  apply(x: tf.Tensor, rate: number): tf.Tensor {
    if (!this.training || rate === 0) return x;
    // Far from the head's seeds (seed + layer index), so body and head masks do not coincide.
    const seed = (this.seed * 1_000_003 + 7919 * ++this.#calls) % 2 ** 31;
    return dropout(x, rate, seed);
  }
}
