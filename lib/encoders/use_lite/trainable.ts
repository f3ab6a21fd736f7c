/**
 * USE-lite with trainable weights, for end-to-end fine-tuning and SetFit: every float weight of
 * the graph becomes a `tf.Variable`, the graph runs synchronously (its `Where` intermediates
 * fed, see model.ts) so a gradient tape records it, and the gradients tfjs lacks are registered
 * ({@linkcode registerKitGradients}). Parts freeze and unfreeze by name.
 * @module
 */
import { ArgumentError } from "../../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../backend.ts";
import type { Body, WordsBody } from "../body.ts";
import { registerKitGradients } from "../../tf/gradients.ts";
import type { UseLiteLoadOptions } from "./encoder.ts";
import { buildGraphModel, HIDDEN_SIZE, NODES, readUseLiteArtifacts, runGraph } from "./model.ts";
import { checkNonEmptyArray, withName } from "../check_input.ts";
import type { Encoding } from "../types.ts";
import { SentencePieceTokenizer } from "./tokenizer.ts";

/**
 * The parts of USE-lite: the piece embeddings (8002 × 256), the two transformer layers, and the
 * pooler (the tanh layer after mean pooling).
 */
export type UseLitePart = "embeddings" | "layer0" | "layer1" | "pooler";

/** Every part, input to output. */
export const USE_LITE_PARTS: readonly UseLitePart[] = ["embeddings", "layer0", "layer1", "pooler"];

/** Options of {@linkcode TrainableUseLite.load}. */
export interface TrainableUseLiteOptions extends UseLiteLoadOptions {
  /** Parts that start frozen (default none). */
  freeze?: UseLitePart[];
}

/**
 * The part a graph weight belongs to, or `undefined` for constants that are not parameters
 * (scalars, the timing signal's frequencies).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { partOf } from "./trainable.ts";
 * assertEquals(partOf("module/Embeddings_en", [8002, 256]), "embeddings");
 * assertEquals(partOf("module/Encoder_en/hidden_layers/tanh_layer_0/bias", [512]), "pooler");
 * assertEquals(partOf("module_apply_default/x/Layer_1/TransformerLayer/mul/y", []), undefined);
 * ```
 */
export function partOf(weightName: string, shape: number[]): UseLitePart | undefined {
  if (shape.length === 0 || weightName.includes("AddTimingSignal")) return undefined;
  if (weightName === "module/Embeddings_en") return "embeddings";
  if (weightName.includes("/Layer_0/")) return "layer0";
  if (weightName.includes("/Layer_1/")) return "layer1";
  if (weightName.includes("hidden_layers/tanh_layer_0/")) return "pooler";
  return undefined;
}

/** Graph executor internals: the weight map must be re-assigned for it to keep variables. */
interface Executor {
  weightMap: { [name: string]: tf.Tensor[] };
}

let instances = 0;

/**
 * Trainable USE-lite. `forward` gives the pooled, l2-normalised embeddings `[batch, 512]` (at
 * load, equal to the frozen encoder's), `forwardTokens` the last layer's per-piece states.
 * It is a sequence-level {@linkcode Body} for the Trainer.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assertEquals } from "@std/assert";
 * import { TrainableUseLite } from "./trainable.ts";
 * const use = await TrainableUseLite.load({ freeze: ["embeddings", "layer0"] });
 * assertEquals(use.parameterCounts().embeddings, 8002 * 256);
 * const loss = () => tf.sum(use.forward(["great film", "dull film"]).slice([0, 0], [2, 4])) as tf.Scalar;
 * const { grads } = tf.variableGrads(loss, use.trainableVariables());
 * assertEquals(Object.keys(grads).length, use.trainableVariables().length);
 * tf.dispose(grads);
 * use.dispose();
 * ```
 */
export class TrainableUseLite implements Body<string> {
  readonly name = "use-lite";
  readonly hiddenSize = HIDDEN_SIZE;
  readonly level = "sequence" as const;
  readonly tokenizer: SentencePieceTokenizer;
  readonly model: tf.GraphModel;
  #parts = new Map<UseLitePart, Map<string, tf.Variable>>();
  #frozen = new Set<UseLitePart>();

  private constructor(model: tf.GraphModel, tokenizer: SentencePieceTokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
    for (const part of USE_LITE_PARTS) this.#parts.set(part, new Map());
    const executor = (model as unknown as { executor: Executor }).executor;
    const weights = executor.weightMap;
    const prefix = `use-lite-${instances++}`;
    for (const [name, [tensor]] of Object.entries(weights)) {
      const part = tensor.dtype === "float32" ? partOf(name, tensor.shape) : undefined;
      if (!part) continue;
      const variable = tf.variable(tensor, true, `${prefix}/${name}`);
      tensor.dispose();
      weights[name] = [variable];
      this.#parts.get(part)!.set(name, variable);
    }
    // The setter records the variables' ids; otherwise the executor disposes them after a run.
    executor.weightMap = weights;
  }

  /** Registers the kit's gradients and loads a fresh, trainable copy of USE-lite. */
  static async load(options: TrainableUseLiteOptions = {}): Promise<TrainableUseLite> {
    await initBackend({ quiet: true });
    registerKitGradients();
    const { artifacts, vocabulary } = options.artifacts ??
      await readUseLiteArtifacts(options.modelDir);
    const use = new TrainableUseLite(
      await buildGraphModel(artifacts),
      new SentencePieceTokenizer(vocabulary),
    );
    use.freeze(...(options.freeze ?? []));
    return use;
  }

  /** Stops training these parts (their variables get no gradient). */
  freeze(...parts: UseLitePart[]): void {
    for (const p of parts) this.#setTrainable(p, false);
  }

  /** Trains these parts again. */
  unfreeze(...parts: UseLitePart[]): void {
    for (const p of parts) this.#setTrainable(p, true);
  }

  /** The frozen parts, input to output. */
  get frozenParts(): UseLitePart[] {
    return USE_LITE_PARTS.filter((p) => this.#frozen.has(p));
  }

  /** Number of parameters of every part. */
  parameterCounts(): Record<UseLitePart, number> {
    const count = (p: UseLitePart) =>
      [...this.#parts.get(p)!.values()].reduce((n, v) => n + v.size, 0);
    return Object.fromEntries(USE_LITE_PARTS.map((p) => [p, count(p)])) as Record<
      UseLitePart,
      number
    >;
  }

  /** Parameters of the frozen parts. */
  numFrozenParameters(): number {
    const counts = this.parameterCounts();
    return this.frozenParts.reduce((n, p) => n + counts[p], 0);
  }

  /** Variables of the parts that train, for `optimizer.minimize(f, false, varList)`. */
  trainableVariables(): tf.Variable[] {
    return USE_LITE_PARTS.filter((p) => !this.#frozen.has(p))
      .flatMap((p) => [...this.#parts.get(p)!.values()]);
  }

  /** Every variable by its graph weight name (stable across loads: checkpoint keys). */
  namedVariables(): Map<string, tf.Variable> {
    return new Map(USE_LITE_PARTS.flatMap((p) => [...this.#parts.get(p)!]));
  }

  /** Pooled, l2-normalised embeddings `[batch, 512]`, differentiable. */
  forward(texts: string[]): tf.Tensor2D {
    return runGraph(this.model, this.#ids(texts), [NODES.pooled])[0] as tf.Tensor2D;
  }

  /**
   * Last-layer states of every piece of pre-split sentences, `[batch, maxPieces, 512]`, zero
   * past each sentence's pieces; `wordIds` map pieces to words.
   */
  forwardTokens(sentences: string[][]): { states: tf.Tensor3D; wordIds: (number | null)[][] } {
    const encodings = sentences.map((words, i) =>
      withName(`sentences[${i}]`, () => this.tokenizer.tokenizeWords(words))
    );
    const [states] = runGraph(this.model, encodings.map((e) => e.inputIds), [NODES.tokens]);
    return { states: states as tf.Tensor3D, wordIds: encodings.map((e) => e.wordIds) };
  }

  /**
   * The token-level body for token classification end to end: `forward` takes pre-split
   * sentences and returns {@linkcode forwardTokens}' states, one row per piece of
   * `tokenizeWords(words)` (at most 128; USE-lite has no special tokens). It shares this
   * encoder's variables and freezing. The pooler is not part of it, as Hugging Face's token
   * classification models are built without their pooler: it gets no gradient, so it is neither
   * trained nor saved nor counted.
   *
   * @example
   * ```ts
   * import * as tf from "@tensorflow/tfjs";
   * import { assertEquals } from "@std/assert";
   * import { TrainableUseLite } from "./trainable.ts";
   * const use = await TrainableUseLite.load({ freeze: ["embeddings"] });
   * const body = use.tokenBody();
   * const words = [["Hans", "spoke"], ["in", "Washington"]];
   * const states = body.forward(words); // ▁Han s ▁spoke | ▁in ▁Washington
   * assertEquals(states.shape, [2, 3, 512]);
   * assertEquals(body.sequenceLengths!(words), [3, 2]);
   * assertEquals(body.tokenizeWords(words[0]).wordIds, [0, 0, 1]);
   * const loss = () => tf.sum(body.forward(words).slice([0, 0, 0], [2, 2, 4])) as tf.Scalar;
   * const { grads } = tf.variableGrads(loss, body.trainableVariables());
   * assertEquals(Object.keys(grads).length, body.trainableVariables().length);
   * tf.dispose([states, grads] as tf.TensorContainer);
   * use.dispose();
   * ```
   */
  tokenBody(): WordsBody {
    const inModel = (name: string) => partOf(name, [1]) !== "pooler";
    const named = () => new Map([...this.namedVariables()].filter(([n]) => inModel(n)));
    return {
      name: this.name,
      hiddenSize: this.hiddenSize,
      level: "token",
      forward: (sentences: string[][]) => this.forwardTokens(sentences).states,
      tokenizeWords: (words: string[]): Encoding => this.tokenizer.tokenizeWords(words),
      sequenceLengths: (sentences: string[][]) =>
        sentences.map((words) => this.tokenizer.tokenizeWords(words).inputIds.length),
      trainableVariables: () => [...named().values()].filter((v) => v.trainable),
      namedVariables: named,
    };
  }

  /** Pieces per text (at most 128). */
  sequenceLengths(texts: string[]): number[] {
    return this.#ids(texts).map((ids) => ids.length);
  }

  /** Frees the graph and its variables. */
  dispose(): void {
    this.model.dispose();
  }

  #ids(texts: string[]): number[][] {
    return checkNonEmptyArray(texts, "texts", "pass one string per text", "strings").map((t, i) =>
      withName(`texts[${i}]`, () => this.tokenizer.tokenize(t).inputIds)
    );
  }

  #setTrainable(part: UseLitePart, trainable: boolean): void {
    if (!USE_LITE_PARTS.includes(part)) {
      throw new ArgumentError(
        "part",
        part,
        "is not a USE-lite part",
        `use one of ${USE_LITE_PARTS.join(", ")}`,
      );
    }
    for (const v of this.#parts.get(part)!.values()) v.trainable = trainable;
    trainable ? this.#frozen.delete(part) : this.#frozen.add(part);
  }
}
