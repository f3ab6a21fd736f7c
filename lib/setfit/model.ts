/**
 * `SetFitModel`: a sentence encoder (the body) and a logistic-regression head, as SetFit's
 * `SetFitModel`. The body is the kit's trainable USE-lite by default (stage 1 fine-tunes it); a
 * transformers.js model id gives a frozen body (ONNX runs without gradients: only the head
 * trains). Save and load keep the head and the fine-tuned body weights.
 * @module
 */
import { ArgumentError, FileFormatError, NotFittedError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { type Body, featureBody } from "../encoders/body.ts";
import type { Encoder } from "../encoders/types.ts";
import { TrainableUseLite, type UseLitePart } from "../encoders/use_lite/mod.ts";
import {
  TransformersEncoder,
  type TransformersEncoderOptions,
} from "../encoders/transformers/mod.ts";
import type { Label } from "../metrics/validation.ts";
import { atomicWriteFile } from "../atomic_write.ts";
import { readSafetensors, type TensorData, writeSafetensors } from "../safetensors.ts";
import { LogisticHead, type LogisticHeadState } from "./head.ts";
import { type DifferentiableHeadOptions, trainDifferentiableHead } from "./differentiable_head.ts";
import type { LogisticRegressionOptions } from "./logistic_regression.ts";

/** The id of the kit's embedded default encoder. */
export const USE_LITE_ID = "use-lite";

/** Format tag of a saved SetFit model's `config.json`. */
export const SETFIT_FORMAT = "kit-setfit-1";

/** Options of {@linkcode SetFitModel}. */
export interface SetFitModelOptions {
  /** `"one-vs-rest"` for multi-label data (SetFit's `multi_target_strategy`); default single-label. */
  multiTargetStrategy?: "one-vs-rest";
  /** The logistic-regression head's options (scikit-learn's defaults: `C = 1`, `maxIter = 100`). */
  head?: LogisticRegressionOptions;
  /**
   * Stage 2 trains a linear softmax head by gradient descent, optionally end to end through the
   * body (SetFit's `use_differentiable_head`; see {@linkcode trainDifferentiableHead}), instead of
   * fitting logistic regression. Single-label only. Default `false`.
   */
  useDifferentiableHead?: boolean;
}

/** Options of {@linkcode SetFitModel.fromPretrained}. */
export interface SetFitFromPretrainedOptions extends SetFitModelOptions {
  /** USE-lite parts kept frozen during stage 1 (default none: the whole body trains). */
  freeze?: UseLitePart[];
  /** Options for a transformers.js model id (pooling, normalisation, local folder…). */
  transformers?: TransformersEncoderOptions;
}

/** What `config.json` of a saved model holds. */
interface SetFitConfig {
  format: string;
  body: string;
  hiddenSize: number;
  bodyWeights: string | null;
  multiTargetStrategy: "one-vs-rest" | null;
  headOptions: LogisticRegressionOptions;
  /** Absent in models saved before the differentiable head existed. */
  useDifferentiableHead?: boolean;
  head: LogisticHeadState | null;
}

/** Sentences per forward pass when embedding for the head. */
const EMBED_BATCH = 32;

/**
 * A SetFit model: `encode` embeds texts with the body, `predict` / `predictProba` classify them
 * with the fitted head. Train it with {@linkcode SetFitTrainer}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { SetFitModel } from "./model.ts";
 * const model = await SetFitModel.fromPretrained("use-lite");
 * const texts = ["loved the support", "worst flight ever", "fast and friendly", "lost my luggage"];
 * model.fitHead(await model.encode(texts), [1, 0, 1, 0]); // stage 2 alone, on the frozen body
 * assertEquals(await model.predict(["the staff were wonderful"]), [1]);
 * model.dispose();
 * ```
 */
export class SetFitModel {
  /** The head, once fitted (by the trainer or {@linkcode SetFitModel.fitHead}). */
  head?: LogisticHead;
  /** Single-label, or one-vs-rest multi-label. */
  readonly multiTargetStrategy?: "one-vs-rest";
  /** The head's logistic-regression options. */
  readonly headOptions: LogisticRegressionOptions;
  /** Whether stage 2 trains the differentiable head. */
  readonly useDifferentiableHead: boolean;

  /** A model on `body`: a trainable {@linkcode Body} (fine-tuned in stage 1) or a frozen {@linkcode Encoder}. */
  constructor(readonly body: Body<string> | Encoder, options: SetFitModelOptions = {}) {
    const { multiTargetStrategy, head = {}, useDifferentiableHead = false } = options;
    if (multiTargetStrategy !== undefined && multiTargetStrategy !== "one-vs-rest") {
      throw new ArgumentError(
        "multiTargetStrategy",
        multiTargetStrategy,
        "is not a multi-target strategy",
        'use "one-vs-rest" (or leave it out)',
      );
    }
    if (useDifferentiableHead && multiTargetStrategy !== undefined) {
      throw new ArgumentError(
        "multiTargetStrategy",
        multiTargetStrategy,
        "useDifferentiableHead is single-label only",
        "leave out multiTargetStrategy or use the logistic head",
      );
    }
    this.multiTargetStrategy = multiTargetStrategy;
    this.headOptions = head;
    this.useDifferentiableHead = useDifferentiableHead;
  }

  /**
   * Loads a body by id: `"use-lite"` (embedded, offline, trainable) or a transformers.js id such
   * as `"Xenova/all-MiniLM-L6-v2"` (downloaded once; frozen).
   */
  static async fromPretrained(
    modelId: string = USE_LITE_ID,
    options: SetFitFromPretrainedOptions = {},
  ): Promise<SetFitModel> {
    const { freeze, transformers, ...modelOptions } = options;
    if (modelId === USE_LITE_ID) {
      return new SetFitModel(await TrainableUseLite.load({ freeze }), modelOptions);
    }
    if (freeze !== undefined) {
      throw new ArgumentError(
        "options.freeze",
        freeze,
        `applies to "${USE_LITE_ID}" only; ${modelId} is frozen whole`,
        "leave out freeze",
      );
    }
    return new SetFitModel(
      await TransformersEncoder.fromPretrained(modelId, transformers),
      modelOptions,
    );
  }

  /** The body's name (`"use-lite"` or the model id). */
  get name(): string {
    return this.body.name;
  }

  /** Size of the sentence embeddings. */
  get hiddenSize(): number {
    return this.body.hiddenSize;
  }

  /** Whether stage 1 can fine-tune the body (it has variables that train). */
  get trainable(): boolean {
    return isBody(this.body) && this.body.trainableVariables().length > 0;
  }

  /** The body as a trainable {@linkcode Body}, or an error saying why it is not one. */
  trainableBody(): Body<string> {
    if (!isBody(this.body)) {
      throw new ArgumentError(
        "modelId",
        this.body.name,
        "is a frozen transformers.js encoder (ONNX, no gradients)",
        `use "${USE_LITE_ID}" to fine-tune the body, or train the head only`,
      );
    }
    return this.body;
  }

  /** Sentence embeddings with the body's current weights, one per text. */
  async encode(
    texts: readonly string[],
    { batchSize = EMBED_BATCH } = {},
  ): Promise<Float32Array[]> {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
      throw new ArgumentError(
        "texts",
        texts,
        "is not an array of strings",
        "pass one string per text",
      );
    }
    if (texts.length === 0) return [];
    const body = this.body;
    if (!isBody(body)) return await body.embed([...texts], { progress: false });
    // Batches of similar length waste less time on padding (about 3x faster on USE-lite).
    const lengths = body.sequenceLengths?.([...texts]) ?? texts.map((t) => t.length);
    const order = texts.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b]);
    const out = new Array<Float32Array>(texts.length);
    for (let b = 0; b < order.length; b += batchSize) {
      const idx = order.slice(b, b + batchSize);
      const data = tf.tidy(() => body.forward(idx.map((i) => texts[i]))).dataSync() as Float32Array;
      const d = body.hiddenSize;
      idx.forEach((i, r) => (out[i] = data.slice(r * d, (r + 1) * d)));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return out;
  }

  /** Stage 2: fits the logistic-regression head on embeddings and labels (lists of labels for one-vs-rest). */
  fitHead(
    embeddings: readonly Float32Array[],
    labels: readonly Label[] | readonly Label[][],
  ): LogisticHead {
    if (embeddings.length > 0 && embeddings[0].length !== this.hiddenSize) {
      throw new ArgumentError(
        "embeddings[0].length",
        embeddings[0].length,
        `${this.name} gives ${this.hiddenSize} dimensions`,
        "embed the texts with this model's encode",
      );
    }
    this.head = LogisticHead.fit(embeddings, labels, {
      ...this.headOptions,
      multiLabel: this.multiTargetStrategy === "one-vs-rest",
    });
    return this.head;
  }

  /**
   * Stage 2 with the differentiable head: trains a linear softmax head on the texts' embeddings
   * (the body frozen), or with `endToEnd` through the trainable body, whose weights change.
   */
  async fitDifferentiableHead(
    texts: readonly string[],
    labels: readonly Label[],
    options: DifferentiableHeadOptions = {},
  ): Promise<LogisticHead> {
    if (labels.some(Array.isArray)) {
      throw new ArgumentError(
        "labels",
        labels,
        "the differentiable head takes one label per text (single-label)",
        "use the logistic head for multi-label data",
      );
    }
    this.head = options.endToEnd
      ? await trainDifferentiableHead(this.trainableBody(), [...texts], labels, options)
      : await trainDifferentiableHead(
        featureBody({ name: this.name, hiddenSize: this.hiddenSize }),
        await this.encode(texts),
        labels,
        options,
      );
    return this.head;
  }

  /** The predicted label of each text (the list of its labels for one-vs-rest models). */
  async predict(texts: readonly string[]): Promise<Label[] | Label[][]> {
    const head = this.#fittedHead();
    return head.predict(await this.encode(texts));
  }

  /** Class probabilities of each text, columns in the order of `head.classes`. */
  async predictProba(texts: readonly string[]): Promise<number[][]> {
    const head = this.#fittedHead();
    return head.predictProba(await this.encode(texts));
  }

  /**
   * Saves into `dir`: `config.json` (body id, head weights) and, for a trainable body, its
   * weights as `body.safetensors`.
   */
  async save(dir: string): Promise<void> {
    await Deno.mkdir(dir, { recursive: true });
    let bodyWeights: string | null = null;
    if (isBody(this.body) && this.body.namedVariables) {
      const tensors: Record<string, TensorData> = {};
      for (const [name, v] of this.body.namedVariables()) {
        tensors[name] = { shape: v.shape, data: v.dataSync() as Float32Array };
      }
      bodyWeights = "body.safetensors";
      await writeSafetensors(join(dir, bodyWeights), tensors, { format: "pt", kit: SETFIT_FORMAT });
    }
    const config: SetFitConfig = {
      format: SETFIT_FORMAT,
      body: this.name,
      hiddenSize: this.hiddenSize,
      bodyWeights,
      multiTargetStrategy: this.multiTargetStrategy ?? null,
      headOptions: this.headOptions,
      useDifferentiableHead: this.useDifferentiableHead,
      head: this.head?.toJSON() ?? null,
    };
    const json = JSON.stringify(config, null, 1) + "\n";
    await atomicWriteFile(join(dir, "config.json"), new TextEncoder().encode(json));
  }

  /** Loads a model saved by {@linkcode SetFitModel.save}; checks the head against the body's size. */
  static async load(dir: string): Promise<SetFitModel> {
    const path = join(dir, "config.json");
    const config = JSON.parse(await Deno.readTextFile(path)) as SetFitConfig;
    if (config.format !== SETFIT_FORMAT) {
      throw new FileFormatError(
        path,
        `format ${JSON.stringify(config.format)}, expected "${SETFIT_FORMAT}"`,
      );
    }
    const options: SetFitModelOptions = {
      multiTargetStrategy: config.multiTargetStrategy ?? undefined,
      head: config.headOptions,
      useDifferentiableHead: config.useDifferentiableHead ?? false,
    };
    const model = await SetFitModel.fromPretrained(config.body, options);
    try {
      if (config.head) {
        const head = LogisticHead.fromJSON(config.head);
        if (head.dim !== model.hiddenSize) {
          throw new FileFormatError(
            path,
            `the head was fitted on ${head.dim}-dimensional embeddings but ${config.body} gives ${model.hiddenSize}`,
          );
        }
        model.head = head;
      }
      if (config.bodyWeights) {
        await loadBodyWeights(model.trainableBody(), join(dir, config.bodyWeights));
      }
    } catch (e) {
      model.dispose();
      throw e;
    }
    return model;
  }

  /** Frees the body. */
  dispose(): void {
    (this.body as { dispose?: () => void }).dispose?.();
  }

  #fittedHead(): LogisticHead {
    if (!this.head) {
      throw new NotFittedError("the head", "train the model (SetFitTrainer) first");
    }
    return this.head;
  }
}

function isBody(b: Body<string> | Encoder): b is Body<string> {
  return typeof (b as Body<string>).trainableVariables === "function";
}

async function loadBodyWeights(body: Body<string>, path: string): Promise<void> {
  const { tensors } = await readSafetensors(path);
  const variables = body.namedVariables?.() ?? new Map();
  for (const [name, v] of variables) {
    const t = tensors.get(name);
    if (!t) throw new FileFormatError(path, `no tensor "${name}" for ${body.name}`);
    if (t.shape.join() !== v.shape.join()) {
      throw new FileFormatError(
        path,
        `"${name}" has shape [${t.shape}], ${body.name} needs [${v.shape}]`,
      );
    }
    tf.tidy(() => v.assign(tf.tensor(t.data, t.shape)));
  }
}
