/**
 * A loaded BERT-family model: its config, tokenizer and trainable weights (one `tf.Variable`
 * per Hugging Face parameter), with freezing by part. {@linkcode PreTrainedModel.body} turns it
 * into the {@linkcode Body} the kit's Trainer trains: pooled for sequence classification, per
 * token for token classification.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import type { TransformersTokenizer } from "../encoders/transformers/tokenizer.ts";
import type { Body, ForwardOptions, WordsBody } from "../encoders/body.ts";
import {
  encodeInputs,
  encodeWords,
  type PaddedBatch,
  type TextInput,
  type TruncationStrategy,
} from "./batch.ts";
import { architectureName, type TransformerConfig } from "./config.ts";
import { writePretrained } from "./save_pretrained.ts";
import { type EncoderOutput, runEncoder } from "./encoder.ts";
import { Dropout, linear } from "./layers.ts";
import type { LoadingInfo } from "./weights.ts";

/**
 * How a sequence body reduces the tokens to one vector, as each family's classifier does:
 * BERT's pooler (dense + tanh on `[CLS]`), RoBERTa's first token (`<s>`; its head has the
 * dense + tanh), DistilBERT's `pre_classifier` + ReLU on the first token.
 */
export type SequencePooling = "pooler" | "first" | "pre_classifier";

/** Parts that freeze together: `embeddings`, `encoder.layer.N`, `pooler`, `classifier`. */
export type ModelPart = string;

/** The part of a parameter (task-model name), for freezing. */
function partOfParam(name: string, prefix: string): ModelPart {
  const n = name.startsWith(`${prefix}.`) ? name.slice(prefix.length + 1) : name;
  const layer = /^(?:encoder|transformer)\.layer\.(\d+)\./.exec(n);
  if (layer) return `encoder.layer.${layer[1]}`;
  if (n.startsWith("embeddings.")) return "embeddings";
  if (n.startsWith("pooler.") || n.startsWith("pre_classifier.")) return "pooler";
  if (n.startsWith("classifier.")) return "classifier";
  throw new Error(`parameter ${name} belongs to no known part`);
}

/** What {@linkcode PreTrainedModel} is built from. */
export interface PreTrainedInit {
  /** The parsed `config.json`. */
  config: TransformerConfig;
  /** The tokenizer of the checkpoint. */
  tokenizer: TransformersTokenizer;
  /** Parameter values by Hugging Face name (with the base prefix for task models). */
  values: Map<string, { shape: number[]; data: Float32Array }>;
  /** `bert`, `distilbert` or `roberta`: the prefix of base-model parameters in a task model. */
  prefix: string;
  /** Where it came from (folder or hub id). */
  source: string;
  /** The local folder it was read from (tokenizer files are copied from here when saving). */
  folder: string;
  /** The loading report. */
  loadingInfo: LoadingInfo;
  /** How pairs are cut (default `"longest_first"`). */
  truncation?: TruncationStrategy;
}

const STRATEGIES: readonly TruncationStrategy[] = ["longest_first", "only_first", "only_second"];

/**
 * The transformer with its weights. `call` gives transformers' `last_hidden_state` and
 * `pooler_output`; parts freeze and unfreeze by name.
 */
export class PreTrainedModel {
  /** The config, in BERT's names. */
  readonly config: TransformerConfig;
  /** The checkpoint's tokenizer. */
  readonly tokenizer: TransformersTokenizer;
  /** Where the weights came from (folder or hub id). */
  readonly source: string;
  /** The local folder holding the checkpoint (the hub cache for hub ids). */
  readonly folder: string;
  /** Base-model prefix in task-model names (`bert`, `distilbert`, `roberta`). */
  readonly prefix: string;
  /** What loading matched, missed and re-initialised (transformers' `loading_info`). */
  readonly loadingInfo: LoadingInfo;
  /** How pairs longer than {@linkcode maxLength} are cut (transformers' `truncation=`). */
  truncation: TruncationStrategy = "longest_first";
  readonly #vars = new Map<string, tf.Variable>();
  readonly #frozen = new Set<ModelPart>();
  readonly #hasPrefix: boolean;

  /** Wraps loaded values as variables (see `AutoModel.fromPretrained`). */
  constructor(init: PreTrainedInit) {
    this.config = init.config;
    this.tokenizer = init.tokenizer;
    this.source = init.source;
    this.folder = init.folder;
    this.prefix = init.prefix;
    this.loadingInfo = init.loadingInfo;
    if (init.truncation !== undefined) {
      if (!STRATEGIES.includes(init.truncation)) {
        throw new ArgumentError(
          "truncation",
          init.truncation,
          "is not a truncation strategy",
          `use one of ${STRATEGIES.join(", ")}`,
        );
      }
      this.truncation = init.truncation;
    }
    for (const [name, { shape, data }] of init.values) {
      // The variable holds its own reference to the data: drop the loading tensor's.
      const loaded = tf.tensor(data, shape, "float32");
      this.#vars.set(name, tf.variable(loaded, true));
      loaded.dispose();
    }
    this.#hasPrefix = [...this.#vars.keys()].some((k) => k.startsWith(`${init.prefix}.`));
  }

  /** Every variable by its Hugging Face name (the names `model.safetensors` uses). */
  namedVariables(): Map<string, tf.Variable> {
    return new Map(this.#vars);
  }

  /** The parts, input to output: `embeddings`, `encoder.layer.0` …, `pooler`, `classifier`. */
  get parts(): ModelPart[] {
    const seen = new Set<ModelPart>();
    for (const name of this.#vars.keys()) seen.add(partOfParam(name, this.prefix));
    return [...seen];
  }

  /** The frozen parts. */
  get frozenParts(): ModelPart[] {
    return this.parts.filter((p) => this.#frozen.has(p));
  }

  /** Stops training these parts (the optimizer leaves them as they are). */
  freeze(...parts: ModelPart[]): void {
    for (const p of parts) this.#setTrainable(p, false);
  }

  /** Trains these parts again. */
  unfreeze(...parts: ModelPart[]): void {
    for (const p of parts) this.#setTrainable(p, true);
  }

  /** Parameters of each part. */
  parameterCounts(): Record<ModelPart, number> {
    const out: Record<ModelPart, number> = {};
    for (const [name, v] of this.#vars) {
      const p = partOfParam(name, this.prefix);
      out[p] = (out[p] ?? 0) + v.size;
    }
    return out;
  }

  /** The variables that train now. */
  trainableVariables(): tf.Variable[] {
    return [...this.#vars].filter(([n]) => !this.#frozen.has(partOfParam(n, this.prefix)))
      .map(([, v]) => v);
  }

  /** One variable by Hugging Face name. */
  variable(name: string): tf.Variable {
    const v = this.#vars.get(name);
    if (!v) {
      throw new ArgumentError(
        "name",
        name,
        `${this.source} has no such parameter`,
        "list them with namedVariables()",
      );
    }
    return v;
  }

  /** Longest input in tokens: the tokenizer's limit, capped by the learned positions. */
  get maxLength(): number {
    const c = this.config;
    const positions = c.modelType.includes("roberta")
      ? c.maxPositionEmbeddings - c.padTokenId - 1
      : c.maxPositionEmbeddings;
    return Math.min(this.tokenizer.modelMaxLength, positions);
  }

  /** Tokenizes and pads texts or pairs. */
  encode(inputs: readonly TextInput[]): PaddedBatch {
    return encodeInputs(this.tokenizer, inputs, this.#batchOptions());
  }

  /** Tokenizes and pads pre-split sentences; `encodings[i].wordIds` feed `alignLabels`. */
  encodeWords(sentences: readonly (readonly string[])[]): PaddedBatch {
    return encodeWords(this.tokenizer, sentences, this.#batchOptions());
  }

  /**
   * The encoder on a padded batch: `lastHiddenState`, and `poolerOutput` when the model has a
   * pooler. Dropout only with `{ training: true }`.
   */
  call(batch: PaddedBatch, options: ForwardOptions = {}): EncoderOutput {
    const drop = new Dropout(options.training ?? false, options.seed ?? 0);
    const pooler = this.#vars.has(this.#name("pooler.dense.weight"));
    return runEncoder(this.config, (n) => this.variable(this.#name(n)), batch, drop, { pooler });
  }

  /**
   * A {@linkcode Body} for the Trainer: `"token"` level gives `[batch, tokens, hidden]` for
   * pre-split sentences, as a {@linkcode WordsBody} (its `tokenizeWords` gives the word ids the
   * NER recipe aligns labels on); `"sequence"` one vector per text or pair, pooled as `pooling`
   * says.
   */
  body(level: "sequence", pooling: SequencePooling): Body<TextInput>;
  body(level: "token"): WordsBody;
  body(level: "sequence" | "token", pooling?: SequencePooling): Body<TextInput> | WordsBody {
    const common = {
      name: `${this.config.modelType}:${this.source}`,
      hiddenSize: this.config.hiddenSize,
      trainableVariables: () => this.trainableVariables(),
      namedVariables: () => this.namedVariables(),
    };
    if (level === "token") {
      return {
        ...common,
        level: "token",
        forward: (sentences: string[][], options?: ForwardOptions) =>
          tf.tidy(() => this.call(this.encodeWords(sentences), options).lastHiddenState),
        sequenceLengths: (sentences: string[][]) =>
          this.encodeWords(sentences).encodings.map((e) => e.inputIds.length),
        // The same tokens `forward` reads (one sentence of encodeWords), so aligned labels fit.
        tokenizeWords: (words: string[]) => this.encodeWords([words]).encodings[0],
      } satisfies WordsBody;
    }
    return {
      ...common,
      level: "sequence",
      forward: (inputs: TextInput[], options?: ForwardOptions) =>
        tf.tidy(() => this.#pool(this.call(this.encode(inputs), options), pooling!)),
    } satisfies Body<TextInput>;
  }

  /** Writes the Hugging Face layout (`config.json`, `model.safetensors`, tokenizer files). */
  savePretrained(dir: string): Promise<void> {
    return writePretrained(dir, {
      config: this.config,
      architecture: architectureName(this.config.modelType, "Model"),
      variables: this.namedVariables(),
      tokenizerFolder: this.folder,
    });
  }

  /** Frees the weights. */
  dispose(): void {
    tf.dispose([...this.#vars.values()]);
  }

  #pool(out: EncoderOutput, pooling: SequencePooling): tf.Tensor {
    if (pooling === "pooler") {
      if (!out.poolerOutput) {
        throw new ArgumentError(
          "pooling",
          pooling,
          `${this.source} has no pooler`,
          'use "first"',
        );
      }
      return out.poolerOutput;
    }
    const [b, , h] = out.lastHiddenState.shape;
    const first = tf.reshape(tf.slice(out.lastHiddenState, [0, 0, 0], [b, 1, h]), [b, h]);
    if (pooling === "first") return first;
    // DistilBERT: pre_classifier → ReLU (its dropout is the head's).
    return tf.relu(
      linear(first, this.variable("pre_classifier.weight"), this.variable("pre_classifier.bias")),
    );
  }

  #name(baseName: string): string {
    return this.#hasPrefix ? `${this.prefix}.${baseName}` : baseName;
  }

  #batchOptions() {
    return {
      maxLength: this.maxLength,
      padTokenId: this.config.padTokenId,
      segments: this.config.typeVocabSize > 1,
      truncation: this.truncation,
    };
  }

  #setTrainable(part: ModelPart, trainable: boolean): void {
    const parts = this.parts;
    if (!parts.includes(part)) {
      throw new ArgumentError(
        "part",
        part,
        "is not a part of this model",
        `use one of ${parts.join(", ")}`,
      );
    }
    for (const [name, v] of this.#vars) {
      if (partOfParam(name, this.prefix) === part) v.trainable = trainable;
    }
    trainable ? this.#frozen.delete(part) : this.#frozen.add(part);
  }
}
