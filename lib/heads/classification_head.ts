/**
 * The classification head of section 16.6.1: dropout, an optional small MLP, then a linear layer
 * to one logit per label. The same head serves pooled sentences (`[batch, hidden]`) and every
 * token of a sequence (`[batch, tokens, hidden]`).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import type { ForwardOptions } from "../encoders/body.ts";
import type { Random } from "../random.ts";
import { dropout } from "../tf/dropout.ts";
import { Linear } from "./linear.ts";

/** Activations between MLP layers. */
export type HeadActivation = "tanh" | "relu" | "gelu";

/** Shape and regularisation of a {@linkcode ClassificationHead}. */
export interface ClassificationHeadConfig {
  /** Size of the input representation. */
  hiddenSize: number;
  /** Number of output logits. */
  numLabels: number;
  /** Dropout before every linear layer while training (default 0.1, as BERT's head). */
  dropout?: number;
  /** Sizes of hidden MLP layers; `[]` (default) is the plain linear head. */
  hiddenSizes?: number[];
  /** Activation after each hidden layer (default `"tanh"`, as RoBERTa's head). */
  activation?: HeadActivation;
}

/**
 * Dropout → (Linear → activation → dropout)* → Linear. Parameter names follow Hugging Face:
 * `classifier.weight` / `classifier.bias` for the plain head, `classifier.dense.{i}.*` and
 * `classifier.out_proj.*` with an MLP.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { Random } from "../random.ts";
 * import { ClassificationHead } from "./classification_head.ts";
 * const head = new ClassificationHead({ hiddenSize: 8, numLabels: 3 }, new Random(0));
 * const logits = head.apply(tf.ones([2, 8]));
 * assert(logits.shape.join() === "2,3");
 * assert(head.numParameters() === 8 * 3 + 3);
 * logits.dispose();
 * head.dispose();
 * ```
 */
export class ClassificationHead {
  /** The configuration with defaults filled in. */
  readonly config: Required<ClassificationHeadConfig>;
  readonly #layers: Linear[];

  /** Creates the head; `rng` draws the initial weights. */
  constructor(config: ClassificationHeadConfig, rng: Random) {
    this.config = {
      hiddenSize: config.hiddenSize,
      numLabels: config.numLabels,
      dropout: config.dropout ?? 0.1,
      hiddenSizes: config.hiddenSizes ?? [],
      activation: config.activation ?? "tanh",
    };
    const { dropout, activation, hiddenSizes } = this.config;
    if (!(dropout >= 0 && dropout < 1)) {
      throw new ArgumentError("dropout", dropout, "is not in [0, 1)", "use e.g. 0.1");
    }
    if (!["tanh", "relu", "gelu"].includes(activation)) {
      throw new ArgumentError(
        "activation",
        activation,
        "is not an activation",
        'use "tanh", "relu" or "gelu"',
      );
    }
    const sizes = [this.config.hiddenSize, ...hiddenSizes, this.config.numLabels];
    this.#layers = sizes.slice(1).map((out, i) => new Linear(sizes[i], out, rng));
  }

  /** Logits `[..., numLabels]` for representations `[..., hiddenSize]`. */
  apply(x: tf.Tensor, { training = false, seed = 0 }: ForwardOptions = {}): tf.Tensor {
    if (x.shape[x.shape.length - 1] !== this.config.hiddenSize) {
      throw new ArgumentError(
        "x.shape",
        x.shape,
        `the classification head expects inputs of size ${this.config.hiddenSize} in the last axis`,
        "feed it the hidden states of the body it was built for",
      );
    }
    return tf.tidy(() => {
      let h = x;
      this.#layers.forEach((layer, i) => {
        if (training && this.config.dropout > 0) {
          h = dropout(h, this.config.dropout, seed + i);
        }
        h = layer.apply(h);
        if (i < this.#layers.length - 1) h = activate(h, this.config.activation);
      });
      return h;
    });
  }

  /** The variables by Hugging Face-style name. */
  namedVariables(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    const last = this.#layers.length - 1;
    this.#layers.forEach((layer, i) => {
      const prefix = last === 0
        ? "classifier"
        : i === last
        ? "classifier.out_proj"
        : `classifier.dense.${i}`;
      out.set(`${prefix}.weight`, layer.weight);
      out.set(`${prefix}.bias`, layer.bias);
    });
    return out;
  }

  /** Number of scalar parameters. */
  numParameters(): number {
    let n = 0;
    for (const v of this.namedVariables().values()) n += v.size;
    return n;
  }

  /** Frees the weights. */
  dispose(): void {
    tf.dispose([...this.namedVariables().values()]);
  }
}

function activate(x: tf.Tensor, activation: HeadActivation): tf.Tensor {
  if (activation === "relu") return tf.relu(x);
  if (activation === "tanh") return tf.tanh(x);
  // The exact (erf) GELU, as torch.nn.GELU's default: x·Φ(x).
  return tf.mul(x, tf.mul(0.5, tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))));
}
