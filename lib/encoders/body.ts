/**
 * The "body" a head sits on, as the Trainer sees it: something that turns a batch of inputs into
 * representations and says which of its variables train. Frozen-encoder training uses the
 * feature bodies here (precomputed vectors, nothing to train); end-to-end training plugs in a
 * trainable encoder.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import type { Encoding } from "./types.ts";

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Apply dropout (default `false`). */
  training?: boolean;
  /** Seed for the dropout masks of this pass (default 0); vary it per step. */
  seed?: number;
}

/** Pooled (`[batch, hidden]`) or per-token (`[batch, tokens, hidden]`) representations. */
export type BodyLevel = "sequence" | "token";

/**
 * The interface the Trainer trains against. `I` is one example's input: a feature vector, a
 * text, a list of words…
 */
export interface Body<I> {
  /** The encoder's name; checkpoints record it and refuse to load onto another encoder. */
  readonly name: string;
  /** Size of each output vector. */
  readonly hiddenSize: number;
  /** Whether `forward` returns one vector per example or one per token. */
  readonly level: BodyLevel;
  /** Representations of a batch: `[batch, hidden]` or `[batch, tokens, hidden]` (padded). */
  forward(inputs: I[], options?: ForwardOptions): tf.Tensor;
  /** The variables that train now (empty when frozen). */
  trainableVariables(): tf.Variable[];
  /** Every variable to save in a checkpoint, by name (omit when there is nothing to save). */
  namedVariables?(): Map<string, tf.Variable>;
  /** Frozen parameters, for counts; used only when `namedVariables` is absent (a frozen encoder's size). */
  numFrozenParameters?(): number;
  /** Real tokens of each example (token bodies): the rest of `forward`'s rows is padding. */
  sequenceLengths?(inputs: I[]): number[];
}

/** Options of the frozen-feature bodies. */
export interface FeatureBodyOptions {
  /** The encoder that computed the features (its `name`). */
  name: string;
  /** Length of every feature vector. */
  hiddenSize: number;
  /** Size of the frozen encoder, reported in parameter counts (default 0). */
  numFrozenParameters?: number;
}

/**
 * A body for precomputed sentence vectors (frozen encoder, regime (a)): it stacks them.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "./body.ts";
 * const body = featureBody({ name: "toy", hiddenSize: 2 });
 * const x = body.forward([new Float32Array([1, 2]), new Float32Array([3, 4])]);
 * assert(x.shape.join() === "2,2" && body.trainableVariables().length === 0);
 * x.dispose();
 * ```
 */
export function featureBody(options: FeatureBodyOptions): Body<Float32Array> {
  const { name, hiddenSize, numFrozenParameters = 0 } = options;
  return {
    name,
    hiddenSize,
    level: "sequence",
    forward(inputs) {
      const data = new Float32Array(inputs.length * hiddenSize);
      inputs.forEach((v, i) => {
        checkVector(v, hiddenSize, `inputs[${i}]`);
        data.set(v, i * hiddenSize);
      });
      return tf.tensor2d(data, [inputs.length, hiddenSize]);
    },
    trainableVariables: () => [],
    numFrozenParameters: () => numFrozenParameters,
  };
}

/**
 * A body for precomputed per-token vectors (frozen encoder, token classification): it pads the
 * sentences of a batch with zeros to the longest one.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { tokenFeatureBody } from "./body.ts";
 * const body = tokenFeatureBody({ name: "toy", hiddenSize: 2 });
 * const a = [new Float32Array([1, 2])];
 * const b = [new Float32Array([3, 4]), new Float32Array([5, 6])];
 * const x = body.forward([a, b]);
 * assert(x.shape.join() === "2,2,2");
 * assert(body.sequenceLengths!([a, b]).join() === "1,2");
 * x.dispose();
 * ```
 */
export function tokenFeatureBody(options: FeatureBodyOptions): Body<Float32Array[]> {
  const { name, hiddenSize, numFrozenParameters = 0 } = options;
  return {
    name,
    hiddenSize,
    level: "token",
    forward(inputs) {
      const maxLen = Math.max(1, ...inputs.map((s) => s.length));
      const data = new Float32Array(inputs.length * maxLen * hiddenSize);
      inputs.forEach((sentence, i) => {
        sentence.forEach((v, t) => {
          checkVector(v, hiddenSize, `inputs[${i}][${t}]`);
          data.set(v, (i * maxLen + t) * hiddenSize);
        });
      });
      return tf.tensor3d(data, [inputs.length, maxLen, hiddenSize]);
    },
    trainableVariables: () => [],
    numFrozenParameters: () => numFrozenParameters,
    sequenceLengths: (inputs) => inputs.map((s) => s.length),
  };
}

function checkVector(v: Float32Array, size: number, where: string): void {
  if (!(v instanceof Float32Array) || v.length !== size) {
    throw new ArgumentError(
      where,
      v,
      `is not a Float32Array of length ${size}`,
      `give one ${size}-dimensional Float32Array per input`,
    );
  }
}

/**
 * A token-level body over pre-split words, as token classification fine-tunes end to end
 * (Hugging Face's `AutoModelForTokenClassification` with `is_split_into_words=True`): `forward`
 * takes the words of each sentence and returns one vector per token of
 * `tokenizeWords(words)` (special tokens included, padded), so that labels aligned on that
 * encoding's `wordIds` line up with the rows.
 */
export interface WordsBody extends Body<string[]> {
  /** Always `"token"`. */
  readonly level: "token";
  /** The tokens of one sentence's words (truncated to the encoder's maximum) and their word ids. */
  tokenizeWords(words: string[]): Encoding;
}
