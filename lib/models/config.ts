/**
 * A Hugging Face `config.json` of a BERT, DistilBERT or RoBERTa checkpoint, read into one shape
 * the kit's port uses (DistilBERT's `dim`, `n_layers`, `activation`… become BERT's names), and
 * written back in the original names by {@linkcode toConfigJson}.
 * @module
 */
import { FileFormatError } from "../errors.ts";

/** The architectures the kit ports (`xlm-roberta` is RoBERTa's layout). */
export type ModelType = "bert" | "distilbert" | "roberta" | "xlm-roberta";

/** Every model type the kit loads. */
export const MODEL_TYPES: readonly ModelType[] = ["bert", "distilbert", "roberta", "xlm-roberta"];

/** Activations of the feed-forward layers, by their Hugging Face names. */
export type HiddenAct = "gelu" | "gelu_new" | "relu";

/** What the port needs from `config.json`, in BERT's names (camelCase). */
export interface TransformerConfig {
  /** `model_type`. */
  modelType: ModelType;
  /** Entries of the token embedding. */
  vocabSize: number;
  /** Width of every hidden state. */
  hiddenSize: number;
  /** Transformer layers. */
  numHiddenLayers: number;
  /** Attention heads per layer. */
  numAttentionHeads: number;
  /** Width of the feed-forward layer. */
  intermediateSize: number;
  /** Feed-forward activation: `gelu` (the exact, erf form), `gelu_new` (tanh form), `relu`. */
  hiddenAct: HiddenAct;
  /** Dropout on embeddings and sublayer outputs, in training only. */
  hiddenDropoutProb: number;
  /** Dropout on attention probabilities, in training only. */
  attentionProbsDropoutProb: number;
  /** Learned positions. */
  maxPositionEmbeddings: number;
  /** Segment embeddings (0 for DistilBERT, which has none). */
  typeVocabSize: number;
  /** LayerNorm epsilon. */
  layerNormEps: number;
  /** Padding id; RoBERTa's positions start after it. */
  padTokenId: number;
  /** Standard deviation of newly initialised weights. */
  initializerRange: number;
  /** Dropout of classification heads; `null`: the model's default. */
  classifierDropout: number | null;
  /** DistilBERT's dropout before its sequence classifier. */
  seqClassifDropout?: number;
  /** Label names by id, when the checkpoint has them. */
  id2label?: Record<number, string>;
  /** `problem_type`, when set. */
  problemType?: string;
  /** `architectures`, e.g. `["BertForSequenceClassification"]`. */
  architectures?: string[];
  /** The file as read, so that saving keeps keys the kit does not use. */
  raw: Record<string, unknown>;
}

const ACTS: readonly HiddenAct[] = ["gelu", "gelu_new", "relu"];

/**
 * Reads a parsed `config.json`; `where` names the file in errors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseConfig } from "./config.ts";
 * const c = parseConfig({ model_type: "distilbert", vocab_size: 10, dim: 8, n_layers: 1,
 *   n_heads: 2, hidden_dim: 16, activation: "relu", max_position_embeddings: 16 });
 * assertEquals([c.hiddenSize, c.intermediateSize, c.hiddenAct, c.typeVocabSize], [8, 16, "relu", 0]);
 * ```
 */
export function parseConfig(
  json: Record<string, unknown>,
  where = "config.json",
): TransformerConfig {
  if (typeof json !== "object" || json === null) {
    throw new FileFormatError(where, `must hold a JSON object, got ${JSON.stringify(json)}`);
  }
  const type = json.model_type;
  if (!MODEL_TYPES.includes(type as ModelType)) {
    throw new FileFormatError(
      where,
      `unknown architecture model_type ${JSON.stringify(type)}; ` +
        `the kit fine-tunes ${MODEL_TYPES.join(", ")} (MiniLM and bert-tiny are "bert")`,
    );
  }
  const modelType = type as ModelType;
  const distil = modelType === "distilbert";
  const num = (key: string, fallback?: number, integer = true): number => {
    const v = json[key] ?? fallback;
    if (typeof v !== "number" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      throw new FileFormatError(
        where,
        `${key} must be a ${integer ? "integer" : "number"}, got ${v}`,
      );
    }
    return v;
  };
  const prob = (key: string, fallback: number): number => {
    const v = num(key, fallback, false);
    if (v < 0 || v >= 1) throw new FileFormatError(where, `${key} must be in [0, 1), got ${v}`);
    return v;
  };
  const act = String(json[distil ? "activation" : "hidden_act"] ?? "gelu");
  if (!ACTS.includes(act as HiddenAct)) {
    throw new FileFormatError(
      where,
      `${distil ? "activation" : "hidden_act"} ${JSON.stringify(act)} is not supported; ` +
        `use one of ${ACTS.join(", ")}`,
    );
  }
  if (distil && json.sinusoidal_pos_embds === true) {
    throw new FileFormatError(
      where,
      "sinusoidal_pos_embds is not supported; the kit learns positions",
    );
  }
  const positionType = json.position_embedding_type ?? "absolute";
  if (positionType !== "absolute") {
    throw new FileFormatError(
      where,
      `position_embedding_type ${JSON.stringify(positionType)} is not supported; ` +
        `the kit implements "absolute"`,
    );
  }
  const hidden = num(distil ? "dim" : "hidden_size");
  const heads = num(distil ? "n_heads" : "num_attention_heads");
  if (hidden % heads !== 0) {
    throw new FileFormatError(where, `hidden size ${hidden} is not a multiple of ${heads} heads`);
  }
  const classifier = json.classifier_dropout;
  const config: TransformerConfig = {
    modelType,
    vocabSize: num("vocab_size"),
    hiddenSize: hidden,
    numHiddenLayers: num(distil ? "n_layers" : "num_hidden_layers"),
    numAttentionHeads: heads,
    intermediateSize: num(distil ? "hidden_dim" : "intermediate_size"),
    hiddenAct: act as HiddenAct,
    hiddenDropoutProb: prob(distil ? "dropout" : "hidden_dropout_prob", 0.1),
    attentionProbsDropoutProb: prob(
      distil ? "attention_dropout" : "attention_probs_dropout_prob",
      0.1,
    ),
    maxPositionEmbeddings: num("max_position_embeddings", 512),
    typeVocabSize: distil ? 0 : num("type_vocab_size", 2),
    layerNormEps: distil ? 1e-12 : num("layer_norm_eps", 1e-12, false),
    padTokenId: num("pad_token_id", modelType.includes("roberta") ? 1 : 0),
    initializerRange: num("initializer_range", 0.02, false),
    classifierDropout: classifier === undefined || classifier === null
      ? null
      : prob("classifier_dropout", 0.1),
    raw: structuredClone(json),
  };
  if (distil) config.seqClassifDropout = prob("seq_classif_dropout", 0.2);
  if (json.id2label && typeof json.id2label === "object") {
    config.id2label = Object.fromEntries(
      Object.entries(json.id2label as Record<string, string>).map(([k, v]) => [Number(k), v]),
    );
  }
  if (typeof json.problem_type === "string") config.problemType = json.problem_type;
  if (Array.isArray(json.architectures)) config.architectures = json.architectures.map(String);
  return config;
}

/** The prefix of the base model's parameters in a task model (`bert.`, `distilbert.`, `roberta.`). */
export function basePrefix(modelType: ModelType): string {
  return modelType === "xlm-roberta" ? "roberta" : modelType;
}

/** The class name transformers gives a model (`BertForSequenceClassification`, `DistilBertModel`…). */
export function architectureName(modelType: ModelType, task: string): string {
  const family = {
    "bert": "Bert",
    "distilbert": "DistilBert",
    "roberta": "Roberta",
    "xlm-roberta": "XLMRoberta",
  }[modelType];
  return `${family}${task}`;
}

/**
 * The `config.json` to save: the original keys, with the labels, problem type and architecture
 * of the fine-tuned model.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseConfig, toConfigJson } from "./config.ts";
 * const c = parseConfig({ model_type: "bert", vocab_size: 10, hidden_size: 8,
 *   num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16 });
 * const out = toConfigJson(c, { architecture: "BertForSequenceClassification",
 *   id2label: { 0: "neg", 1: "pos" }, problemType: "single_label_classification" });
 * assertEquals(out.label2id, { neg: 0, pos: 1 });
 * assertEquals(out.architectures, ["BertForSequenceClassification"]);
 * ```
 */
export function toConfigJson(
  config: TransformerConfig,
  task: { architecture: string; id2label?: Record<number, string>; problemType?: string },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...structuredClone(config.raw) };
  out.architectures = [task.architecture];
  if (task.id2label) {
    out.id2label = Object.fromEntries(
      Object.entries(task.id2label).map(([k, v]) => [String(k), v]),
    );
    out.label2id = Object.fromEntries(
      Object.entries(task.id2label).map(([k, v]) => [v, Number(k)]),
    );
  }
  if (task.problemType) out.problem_type = task.problemType;
  return out;
}
