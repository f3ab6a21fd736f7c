/**
 * `AutoModel`, `AutoModelForSequenceClassification` and `AutoModelForTokenClassification`:
 * a BERT, DistilBERT or RoBERTa checkpoint in the Hugging Face layout, loaded with trainable
 * weights and the head transformers puts on it, as a {@linkcode ClassifierModel} the kit's
 * Trainer, `predict` and checkpoints work with.
 * @module
 */
import { ArgumentError, FileFormatError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { TransformersTokenizer } from "../encoders/transformers/tokenizer.ts";
import { initBackend } from "../backend.ts";
import { isFile } from "../fs.ts";
import { registerKitGradients } from "../tf/gradients.ts";
import { ClassifierModel, DEFAULT_TASK, type ParameterCounts } from "../heads/model.ts";
import { labelMaps } from "../heads/labels.ts";
import type { ProblemType } from "../heads/labels.ts";
import { Random } from "../random.ts";
import type { TensorData } from "../safetensors.ts";
import type { TextInput, TruncationStrategy } from "./batch.ts";
import { architectureName, basePrefix, parseConfig, type TransformerConfig } from "./config.ts";
import { encoderParams } from "./encoder.ts";
import { type ModelPart, PreTrainedModel, type SequencePooling } from "./pretrained.ts";
import { type HubModelOptions, resolveModelFolder } from "./hub.ts";
import { writePretrained } from "./save_pretrained.ts";
import {
  type LoadingInfo,
  loadingMessages,
  matchWeights,
  type ParamSpec,
  readCheckpointWeights,
} from "./weights.ts";

/** Options of `fromPretrained` (transformers' keyword arguments, camelCase). */
export interface FromPretrainedOptions extends HubModelOptions {
  /** Number of labels of the new head (default: the checkpoint's `id2label`, else 2). */
  numLabels?: number;
  /** Label names by id (or in id order); must agree with `numLabels`. */
  id2label?: Record<number, string> | string[];
  /** Label name → id; must be the inverse of `id2label`. */
  label2id?: Record<string, number>;
  /**
   * `single_label_classification` (cross-entropy), `multi_label_classification` (a sigmoid per
   * label, BCE with logits) or `regression` (`numLabels: 1`, MSE). Default: the config's
   * `problem_type`, else single-label.
   */
  problemType?: ProblemType;
  /** Dropout of the classification head (default: the config's `classifier_dropout`, else `hidden_dropout_prob`). */
  classifierDropout?: number;
  /** Overrides the config's `hidden_dropout_prob` (DistilBERT: `dropout`), as a config keyword of `from_pretrained`. */
  hiddenDropoutProb?: number;
  /** Overrides the config's `attention_probs_dropout_prob` (DistilBERT: `attention_dropout`). */
  attentionProbsDropoutProb?: number;
  /** Re-initialise weights whose shapes differ (e.g. another `numLabels`) instead of failing. */
  ignoreMismatchedSizes?: boolean;
  /** How text pairs longer than the model's limit are cut (default `"longest_first"`). */
  truncation?: TruncationStrategy;
  /** Seed of newly initialised weights (default 42). */
  seed?: number;
  /** Print transformers' loading warnings (default `true`). */
  verbose?: boolean;
}

/** The task heads transformers has for each family. */
type Task = "ForSequenceClassification" | "ForTokenClassification";

/** A checkpoint read from its folder. */
interface Loaded {
  folder: string;
  config: TransformerConfig;
  tokenizer: TransformersTokenizer;
  tensors: Map<string, TensorData>;
}

async function readFolder(source: string, options: FromPretrainedOptions): Promise<Loaded> {
  await initBackend({ quiet: true });
  registerKitGradients();
  const folder = await resolveModelFolder(source, options);
  const configPath = join(folder, "config.json");
  // model.safetensors is checked by readCheckpointWeights, which says what to do with a .bin.
  const missing = ["config.json", "tokenizer.json", "tokenizer_config.json"]
    .filter((f) => !isFile(join(folder, f)));
  if (missing.length) {
    throw new FileFormatError(
      folder,
      `has no ${missing.join(", ")}: a Hugging Face model folder holds config.json, ` +
        `model.safetensors, tokenizer.json and tokenizer_config.json (save_pretrained writes ` +
        `them; a tokenizer saved alone with tokenizer.save_pretrained(dir) adds the last two)`,
    );
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await Deno.readTextFile(configPath));
  } catch (e) {
    throw new FileFormatError(configPath, `not valid JSON: ${(e as Error).message}`);
  }
  const config = parseConfig(json, configPath);
  for (const key of ["hiddenDropoutProb", "attentionProbsDropoutProb"] as const) {
    const p = options[key];
    if (p === undefined) continue;
    if (!(p >= 0 && p < 1)) {
      throw new ArgumentError(`options.${key}`, p, "is not in [0, 1)", "use e.g. 0.1");
    }
    config[key] = p;
  }
  const tensors = await readCheckpointWeights(folder);
  const tokenizer = await TransformersTokenizer.fromPretrained(folder);
  return { folder, config, tokenizer, tensors };
}

function report(info: LoadingInfo, architecture: string, source: string, verbose = true): void {
  if (!verbose) return;
  for (const m of loadingMessages(info, architecture, source)) console.warn(m);
}

function specsWithPrefix(specs: ParamSpec[], prefix: string): ParamSpec[] {
  return specs.map((s) => ({ ...s, name: `${prefix}.${s.name}` }));
}

function tensorMap(values: Map<string, Float32Array>, specs: ParamSpec[]) {
  const shapes = new Map(specs.map((s) => [s.name, s.shape]));
  return new Map(
    [...values].map(([name, data]) => [name, { shape: shapes.get(name)!, data }]),
  );
}

/**
 * The bare encoder (transformers' `AutoModel`): `call` gives `lastHiddenState` and, for BERT
 * and RoBERTa, `poolerOutput`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { AutoModel } from "./auto.ts";
 * const model = await AutoModel.fromPretrained(
 *   new URL("../../tests/fixtures/hf/bert-base", import.meta.url).pathname);
 * const out = model.call(model.encode(["the film was fun"]));
 * assertEquals(out.lastHiddenState.shape, [1, 6, 16]);
 * model.dispose();
 * ```
 */
export class AutoModel {
  /** Loads a base model from a local folder or (online) a hub id. */
  static async fromPretrained(
    source: string,
    options: FromPretrainedOptions = {},
  ): Promise<PreTrainedModel> {
    const { folder, config, tokenizer, tensors } = await readFolder(source, options);
    const distil = config.modelType === "distilbert";
    const specs = encoderParams(config, { pooler: !distil });
    const { values, info } = matchWeights(specs, tensors, {
      prefix: basePrefix(config.modelType),
      rng: new Random(options.seed ?? 42),
      initializerRange: config.initializerRange,
      source,
      ignoreMismatchedSizes: options.ignoreMismatchedSizes,
    });
    report(info, architectureName(config.modelType, "Model"), source, options.verbose);
    return new PreTrainedModel({
      config,
      tokenizer,
      values: tensorMap(values, specs),
      prefix: basePrefix(config.modelType),
      source,
      folder,
      loadingInfo: info,
      truncation: options.truncation,
    });
  }
}

/**
 * A transformer with a classification head, trained end to end by the kit's Trainer. Its
 * parameters keep Hugging Face's names (`savePretrained` writes them); parts freeze by name,
 * the head included (`"classifier"`).
 */
export class PreTrainedClassifier<I> extends ClassifierModel<I> {
  /** The transformer under the head. */
  readonly base: PreTrainedModel;
  /** transformers' class name, e.g. `BertForSequenceClassification`. */
  readonly architecture: string;
  #classifierFrozen = false;
  readonly #headNames: Map<string, string>;

  /** Use `AutoModelFor….fromPretrained`. */
  constructor(
    base: PreTrainedModel,
    body: ConstructorParameters<typeof ClassifierModel<I>>[0],
    task: ConstructorParameters<typeof ClassifierModel<I>>[1][string],
    architecture: string,
    headValues: Map<string, Float32Array>,
    seed: number,
  ) {
    super(body, { [DEFAULT_TASK]: task }, seed);
    this.base = base;
    this.architecture = architecture;
    this.#headNames = new Map();
    for (const [kitName, v] of this.heads[DEFAULT_TASK].head.namedVariables()) {
      const hfName = kitName.replace(/^classifier\.dense\.0\./, "classifier.dense.");
      this.#headNames.set(hfName, kitName);
      const data = headValues.get(hfName);
      if (!data) throw new Error(`internal: no value for head parameter ${hfName}`);
      tf.tidy(() => v.assign(tf.tensor(data, v.shape, "float32")));
    }
  }

  /** What loading matched, missed and re-initialised. */
  get loadingInfo(): LoadingInfo {
    return this.base.loadingInfo;
  }

  /** The parts, input to output (`classifier` last). */
  get parts(): ModelPart[] {
    return [...this.base.parts, "classifier"];
  }

  /** The frozen parts. */
  get frozenParts(): ModelPart[] {
    return [...this.base.frozenParts, ...(this.#classifierFrozen ? ["classifier"] : [])];
  }

  /** Stops training these parts: `embeddings`, `encoder.layer.N`, `pooler`, `classifier`. */
  freeze(...parts: ModelPart[]): void {
    this.#setTrainable(parts, false);
  }

  /** Trains these parts again. */
  unfreeze(...parts: ModelPart[]): void {
    this.#setTrainable(parts, true);
  }

  /** Head variables that train (none when `classifier` is frozen). */
  override headVariables(task?: string): tf.Variable[] {
    return this.#classifierFrozen ? [] : super.headVariables(task);
  }

  /** Trainable and frozen parameters (frozen parts of the body and of the head). */
  override parameterCounts(): ParameterCounts {
    const counts = super.parameterCounts();
    if (!this.#classifierFrozen) return counts;
    const head = this.heads[DEFAULT_TASK].head.numParameters();
    return {
      trainable: counts.trainable,
      frozen: counts.frozen + head,
      total: counts.total + head,
    };
  }

  /** Every parameter under Hugging Face's name, as `model.safetensors` stores them. */
  hfVariables(): Map<string, tf.Variable> {
    const out = this.base.namedVariables();
    const head = this.heads[DEFAULT_TASK].head.namedVariables();
    for (const [hfName, kitName] of this.#headNames) out.set(hfName, head.get(kitName)!);
    return out;
  }

  /**
   * Writes the Hugging Face layout: `config.json` with `architectures`, `id2label`,
   * `label2id`, `model.safetensors` under transformers' names, and the tokenizer files, so
   * that transformers' `from_pretrained(dir)` and the kit's `fromPretrained(dir)` load it.
   */
  savePretrained(dir: string): Promise<void> {
    return writePretrained(dir, {
      config: this.base.config,
      architecture: this.architecture,
      id2label: this.id2label,
      problemType: this.problemType,
      variables: this.hfVariables(),
      tokenizerFolder: this.base.folder,
    });
  }

  /** Frees the head and the transformer. */
  override dispose(): void {
    super.dispose();
    this.base.dispose();
  }

  #setTrainable(parts: ModelPart[], trainable: boolean): void {
    const bodyParts = parts.filter((p) => p !== "classifier");
    if (parts.includes("classifier")) {
      for (const v of this.heads[DEFAULT_TASK].head.namedVariables().values()) {
        v.trainable = trainable;
      }
      this.#classifierFrozen = !trainable;
    }
    if (bodyParts.length) {
      trainable ? this.base.unfreeze(...bodyParts) : this.base.freeze(...bodyParts);
    }
  }
}

/** The head of each family and task, as transformers builds it. */
interface HeadLayout {
  /** Head parameters (Hugging Face names). */
  specs: ParamSpec[];
  /** How the body pools (sequence tasks). */
  pooling?: SequencePooling;
  /** Whether the base model keeps BERT's pooler. */
  pooler: boolean;
  /** Hidden MLP layers of the kit's ClassificationHead. */
  hiddenSizes: number[];
  /** The dropout before the classifier when the caller gives none. */
  dropout: number;
}

function headLayout(config: TransformerConfig, task: Task, numLabels: number): HeadLayout {
  const h = config.hiddenSize;
  const dense = (name: string, out: number, inn: number): ParamSpec[] => [
    { name: `${name}.weight`, shape: [out, inn], init: "normal" },
    { name: `${name}.bias`, shape: [out], init: "zeros" },
  ];
  const classifierDropout = config.classifierDropout ?? config.hiddenDropoutProb;
  if (config.modelType === "distilbert") {
    if (task === "ForTokenClassification") {
      return {
        specs: dense("classifier", numLabels, h),
        pooler: false,
        hiddenSizes: [],
        dropout: config.hiddenDropoutProb,
      };
    }
    // pre_classifier sits in the body (before the head's dropout), as in transformers.
    return {
      specs: dense("classifier", numLabels, h),
      pooling: "pre_classifier",
      pooler: false,
      hiddenSizes: [],
      dropout: config.seqClassifDropout ?? 0.2,
    };
  }
  if (task === "ForTokenClassification") {
    return {
      specs: dense("classifier", numLabels, h),
      pooler: false,
      hiddenSizes: [],
      dropout: classifierDropout,
    };
  }
  if (config.modelType === "bert") {
    return {
      specs: dense("classifier", numLabels, h),
      pooling: "pooler",
      pooler: true,
      hiddenSizes: [],
      dropout: classifierDropout,
    };
  }
  // RobertaClassificationHead: dropout → dense → tanh → dropout → out_proj on <s>.
  return {
    specs: [...dense("classifier.dense", h, h), ...dense("classifier.out_proj", numLabels, h)],
    pooling: "first",
    pooler: false,
    hiddenSizes: [h],
    dropout: classifierDropout,
  };
}

/**
 * The label names of the new head, as transformers settles them: `id2label` (checked against
 * `numLabels` and `label2id`), else the checkpoint's when `numLabels` agrees, else
 * `LABEL_0 … LABEL_{n-1}` (n = `numLabels`, default 2).
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { resolveLabels } from "./auto.ts";
 * assertEquals(resolveLabels({ numLabels: 3 }, undefined), ["LABEL_0", "LABEL_1", "LABEL_2"]);
 * assertEquals(resolveLabels({}, { 0: "neg", 1: "pos" }), ["neg", "pos"]);
 * assertThrows(() => resolveLabels({ numLabels: 3, id2label: ["a", "b"] }, undefined), Error, "numLabels");
 * ```
 */
export function resolveLabels(
  options: Pick<FromPretrainedOptions, "numLabels" | "id2label" | "label2id">,
  fromConfig: Record<number, string> | undefined,
): string[] {
  const { numLabels } = options;
  if (numLabels !== undefined && !(Number.isInteger(numLabels) && numLabels >= 1)) {
    throw new ArgumentError(
      "options.numLabels",
      numLabels,
      "is not a positive integer",
      "use e.g. 2",
    );
  }
  let names: string[];
  if (options.id2label !== undefined) {
    names = Object.values(labelMaps(options.id2label).id2label);
    if (numLabels !== undefined && names.length !== numLabels) {
      throw new ArgumentError(
        "options.numLabels",
        numLabels,
        `id2label has ${names.length} labels (${names.join(", ")})`,
        "give one or make them agree",
      );
    }
  } else if (
    fromConfig && (numLabels === undefined || Object.keys(fromConfig).length === numLabels)
  ) {
    names = Object.values(labelMaps(fromConfig).id2label);
  } else {
    names = Array.from({ length: numLabels ?? 2 }, (_, i) => `LABEL_${i}`);
  }
  if (options.label2id !== undefined) {
    const want = labelMaps(names).label2id;
    const given = options.label2id;
    const same = Object.keys(given).length === names.length &&
      Object.entries(want).every(([k, v]) => given[k] === v);
    if (!same) {
      throw new ArgumentError(
        "options.label2id",
        given,
        `is not the inverse of id2label ${JSON.stringify(want)}`,
        "leave it out (it follows from id2label) or make them agree",
      );
    }
  }
  return names;
}

async function loadClassifier<I>(
  source: string,
  task: Task,
  options: FromPretrainedOptions,
): Promise<PreTrainedClassifier<I>> {
  const { folder, config, tokenizer, tensors } = await readFolder(source, options);
  const labels = resolveLabels(options, config.id2label);
  const layout = headLayout(config, task, labels.length);
  const prefix = basePrefix(config.modelType);
  const seqDistil = config.modelType === "distilbert" && task === "ForSequenceClassification";
  const baseSpecs = specsWithPrefix(encoderParams(config, { pooler: layout.pooler }), prefix);
  const preClassifier: ParamSpec[] = seqDistil
    ? [
      {
        name: "pre_classifier.weight",
        shape: [config.hiddenSize, config.hiddenSize],
        init: "normal",
      },
      { name: "pre_classifier.bias", shape: [config.hiddenSize], init: "zeros" },
    ]
    : [];
  const specs = [...baseSpecs, ...preClassifier, ...layout.specs];
  const seed = options.seed ?? 42;
  const architecture = architectureName(config.modelType, task);
  const { values, info } = matchWeights(specs, tensors, {
    prefix,
    rng: new Random(seed),
    initializerRange: config.initializerRange,
    source,
    ignoreMismatchedSizes: options.ignoreMismatchedSizes,
  });
  report(info, architecture, source, options.verbose);
  const headNames = new Set(layout.specs.map((s) => s.name));
  const bodySpecs = specs.filter((s) => !headNames.has(s.name));
  const bodyValues = new Map([...values].filter(([n]) => !headNames.has(n)));
  const base = new PreTrainedModel({
    config,
    tokenizer,
    values: tensorMap(bodyValues, bodySpecs),
    prefix,
    source,
    folder,
    loadingInfo: info,
    truncation: options.truncation,
  });
  const body = task === "ForTokenClassification"
    ? base.body("token")
    : base.body("sequence", layout.pooling!);
  const problemType = options.problemType ??
    (config.problemType as ProblemType | undefined) ?? "single_label_classification";
  try {
    return new PreTrainedClassifier<I>(
      base,
      body as never,
      {
        labels,
        problemType,
        dropout: options.classifierDropout ?? layout.dropout,
        hiddenSizes: layout.hiddenSizes,
        activation: "tanh",
      },
      architecture,
      values,
      seed,
    );
  } catch (e) {
    base.dispose();
    // The HF caller gives numLabels, not a task's labels: the fix is said in those terms.
    const hint = problemType === "regression" && labels.length !== 1
      ? "give numLabels: 1, and ignoreMismatchedSizes: true over a head of another size"
      : undefined;
    if (!(e instanceof ArgumentError)) throw e;
    throw new ArgumentError(
      e.argument,
      e.value,
      `${architecture} from ${source}: ${e.problem}`,
      hint ?? e.fix,
      { cause: e },
    );
  }
}

/**
 * transformers' `AutoModelForSequenceClassification`: texts or pairs `[textA, textB]` →
 * logits `[batch, numLabels]`. BERT: pooler → dropout → classifier; DistilBERT: first token →
 * pre_classifier → ReLU → dropout → classifier; RoBERTa: `<s>` → dropout → dense → tanh →
 * dropout → out_proj.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { AutoModelForSequenceClassification } from "./auto.ts";
 * const model = await AutoModelForSequenceClassification.fromPretrained(
 *   new URL("../../tests/fixtures/hf/bert-base", import.meta.url).pathname,
 *   { id2label: ["negative", "positive"], verbose: false },
 * );
 * assertEquals(model.loadingInfo.missingKeys, ["classifier.bias", "classifier.weight"]);
 * assertEquals(model.forward(["a film", ["a dog", "a cat"]]).shape, [2, 2]);
 * model.dispose();
 * ```
 */
export class AutoModelForSequenceClassification {
  /** Loads the checkpoint and puts (or restores) its sequence-classification head. */
  static fromPretrained(
    source: string,
    options: FromPretrainedOptions = {},
  ): Promise<PreTrainedClassifier<TextInput>> {
    return loadClassifier(source, "ForSequenceClassification", options);
  }
}

/**
 * transformers' `AutoModelForTokenClassification`: pre-split sentences → logits
 * `[batch, tokens, numLabels]` (dropout → classifier on every token). Its body is a
 * `WordsBody`, so the NER recipe takes the model as it is: `trainTokenClassifier({ model, train,
 * eval })` aligns word tags (`tokenizeAndAlignLabels`), trains it with the kit's Trainer and
 * scores with seqeval; `predictEntities(model, sentences)` tags words.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { AutoModelForTokenClassification } from "./auto.ts";
 * const model = await AutoModelForTokenClassification.fromPretrained(
 *   new URL("../../tests/fixtures/hf/bert-tok", import.meta.url).pathname,
 * );
 * assertEquals(model.id2label[1], "B-PER");
 * assertEquals(model.forward([["john", "lives", "here"]]).shape, [1, 5, 5]);
 * model.dispose();
 * ```
 */
export class AutoModelForTokenClassification {
  /** Loads the checkpoint and puts (or restores) its token-classification head. */
  static fromPretrained(
    source: string,
    options: FromPretrainedOptions = {},
  ): Promise<PreTrainedClassifier<string[]>> {
    return loadClassifier(source, "ForTokenClassification", options);
  }
}
