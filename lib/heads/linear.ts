/**
 * A fully connected layer laid out as PyTorch's `nn.Linear` (weight `[out, in]`), initialised as
 * PyTorch does, from the kit's seeded generator so every backend starts from the same numbers.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import type { Random } from "../random.ts";

/**
 * `y = x Wᵀ + b` over the last axis. Weights and bias start uniform on `±1/√inFeatures`
 * (PyTorch's kaiming-uniform with `a = √5`, and its bias rule).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { Random } from "../random.ts";
 * import { Linear } from "./linear.ts";
 * const layer = new Linear(4, 2, new Random(0));
 * const y = layer.apply(tf.ones([3, 4]));
 * assert(y.shape.join() === "3,2");
 * assert(Math.max(...layer.weight.dataSync().map(Math.abs)) <= 0.5);
 * tf.dispose([y, layer.weight, layer.bias]);
 * ```
 */
export class Linear {
  /** `[outFeatures, inFeatures]`, as in PyTorch. */
  readonly weight: tf.Variable;
  /** `[outFeatures]`. */
  readonly bias: tf.Variable;

  /** Creates the layer with seeded PyTorch initialisation. */
  constructor(readonly inFeatures: number, readonly outFeatures: number, rng: Random) {
    checkSize("inFeatures", inFeatures);
    checkSize("outFeatures", outFeatures);
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = uniformVariable([outFeatures, inFeatures], bound, rng);
    this.bias = uniformVariable([outFeatures], bound, rng);
  }

  /** Applies the layer to `x` of shape `[..., inFeatures]`. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      // Reshapes only for token inputs: each op costs a few µs, much of a small head's step.
      const flat = x.rank === 2 ? x : x.reshape([-1, this.inFeatures]);
      // An explicit transpose: wasm's matMul with a transpose flag is many times slower.
      const y = tf.add(tf.matMul(flat, tf.transpose(this.weight)), this.bias);
      return x.rank === 2 ? y : y.reshape([...x.shape.slice(0, -1), this.outFeatures]);
    });
  }
}

function uniformVariable(shape: number[], bound: number, rng: Random): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = (2 * rng.random() - 1) * bound;
  const t = tf.tensor(values, shape, "float32");
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ArgumentError(
      name,
      value,
      "is not a positive integer",
      "use a layer size such as 768",
    );
  }
}
