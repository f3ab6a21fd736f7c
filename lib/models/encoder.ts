/**
 * The BERT-family encoder: which parameters it has (Hugging Face names, shapes, parts) and its
 * forward pass — BERT and RoBERTa (`embeddings`, `encoder.layer.N.attention.self.query`…,
 * `pooler`) and DistilBERT (`transformer.layer.N.attention.q_lin`…), as transformers' eager
 * modeling code computes them.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { TransformerConfig } from "./config.ts";
import { activation, type Dropout, layerNorm, linear } from "./layers.ts";
import type { ParamSpec } from "./weights.ts";

/** What a padded batch gives the encoder. */
export interface EncoderBatch {
  /** `[batch][tokens]` token ids, padded with `pad_token_id`. */
  inputIds: number[][];
  /** `[batch][tokens]`: 1 for real tokens, 0 for padding. */
  attentionMask: number[][];
  /** `[batch][tokens]` segment ids (zeros for models without segments). */
  tokenTypeIds: number[][];
}

/** The encoder's outputs. */
export interface EncoderOutput {
  /** `[batch, tokens, hidden]`. */
  lastHiddenState: tf.Tensor3D;
  /** `[batch, hidden]`: BERT's pooler (dense + tanh on the first token), when the model has one. */
  poolerOutput?: tf.Tensor2D;
}

/** Reads a parameter by its base-model name (no `bert.` prefix). */
export type ParamLookup = (name: string) => tf.Tensor;

/** Float32's most negative value: transformers' additive attention mask for padding. */
export const MASKED = -3.4028234663852886e38;

/**
 * The base model's parameters (no prefix), with `pooler` for BERT and RoBERTa base models.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseConfig } from "./config.ts";
 * import { encoderParams } from "./encoder.ts";
 * const c = parseConfig({ model_type: "bert", vocab_size: 10, hidden_size: 8,
 *   num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16 });
 * const specs = encoderParams(c, { pooler: true });
 * assertEquals(specs.length, 5 + 16 + 2);
 * assertEquals(specs[0], { name: "embeddings.word_embeddings.weight", shape: [10, 8], init: "normal" });
 * ```
 */
export function encoderParams(
  config: TransformerConfig,
  { pooler }: { pooler: boolean },
): ParamSpec[] {
  const h = config.hiddenSize;
  const ffn = config.intermediateSize;
  const out: ParamSpec[] = [];
  const dense = (name: string, outF: number, inF: number) =>
    out.push(
      { name: `${name}.weight`, shape: [outF, inF], init: "normal" },
      { name: `${name}.bias`, shape: [outF], init: "zeros" },
    );
  const norm = (name: string) =>
    out.push(
      { name: `${name}.weight`, shape: [h], init: "ones" },
      { name: `${name}.bias`, shape: [h], init: "zeros" },
    );
  out.push(
    { name: "embeddings.word_embeddings.weight", shape: [config.vocabSize, h], init: "normal" },
    {
      name: "embeddings.position_embeddings.weight",
      shape: [config.maxPositionEmbeddings, h],
      init: "normal",
    },
  );
  if (config.modelType === "distilbert") {
    norm("embeddings.LayerNorm");
    for (let i = 0; i < config.numHiddenLayers; i++) {
      const l = `transformer.layer.${i}`;
      for (const p of ["q_lin", "k_lin", "v_lin", "out_lin"]) dense(`${l}.attention.${p}`, h, h);
      norm(`${l}.sa_layer_norm`);
      dense(`${l}.ffn.lin1`, ffn, h);
      dense(`${l}.ffn.lin2`, h, ffn);
      norm(`${l}.output_layer_norm`);
    }
    return out;
  }
  out.push({
    name: "embeddings.token_type_embeddings.weight",
    shape: [config.typeVocabSize, h],
    init: "normal",
  });
  norm("embeddings.LayerNorm");
  for (let i = 0; i < config.numHiddenLayers; i++) {
    const l = `encoder.layer.${i}`;
    for (const p of ["query", "key", "value"]) dense(`${l}.attention.self.${p}`, h, h);
    dense(`${l}.attention.output.dense`, h, h);
    norm(`${l}.attention.output.LayerNorm`);
    dense(`${l}.intermediate.dense`, ffn, h);
    dense(`${l}.output.dense`, h, ffn);
    norm(`${l}.output.LayerNorm`);
  }
  if (pooler) dense("pooler.dense", h, h);
  return out;
}

/**
 * Position ids: `0 … T-1` (BERT, DistilBERT), or RoBERTa's, which count real tokens from
 * `pad_token_id + 1` and give padding `pad_token_id` (transformers'
 * `create_position_ids_from_input_ids`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { positionIds } from "./encoder.ts";
 * assertEquals(positionIds([[0, 5, 2, 1, 1]], "roberta", 1), [[2, 3, 4, 1, 1]]);
 * assertEquals(positionIds([[2, 5, 0]], "bert", 0), [[0, 1, 2]]);
 * ```
 */
export function positionIds(
  inputIds: number[][],
  modelType: TransformerConfig["modelType"],
  padTokenId: number,
): number[][] {
  if (!modelType.includes("roberta")) return inputIds.map((row) => row.map((_, t) => t));
  return inputIds.map((row) => {
    let n = 0;
    return row.map((id) => (id === padTokenId ? padTokenId : padTokenId + ++n));
  });
}

/**
 * Runs the encoder on a padded batch. `param` reads the weights; `drop` applies dropout in
 * training; `pooler` asks for BERT's pooled output.
 */
export function runEncoder(
  config: TransformerConfig,
  param: ParamLookup,
  batch: EncoderBatch,
  drop: Dropout,
  { pooler = false }: { pooler?: boolean } = {},
): EncoderOutput {
  return tf.tidy(() => {
    const distil = config.modelType === "distilbert";
    const [b, t] = [batch.inputIds.length, batch.inputIds[0].length];
    const ids = tf.tensor2d(batch.inputIds.flat(), [b, t], "int32");
    const positions = tf.tensor2d(
      positionIds(batch.inputIds, config.modelType, config.padTokenId).flat(),
      [b, t],
      "int32",
    );
    let x = tf.add(
      tf.gather(param("embeddings.word_embeddings.weight"), ids),
      tf.gather(param("embeddings.position_embeddings.weight"), positions),
    );
    if (!distil) {
      const types = tf.tensor2d(batch.tokenTypeIds.flat(), [b, t], "int32");
      x = tf.add(x, tf.gather(param("embeddings.token_type_embeddings.weight"), types));
    }
    const eps = config.layerNormEps;
    const ln = (h: tf.Tensor, name: string) =>
      layerNorm(h, param(`${name}.weight`), param(`${name}.bias`), eps);
    const dense = (h: tf.Tensor, name: string) =>
      linear(h, param(`${name}.weight`), param(`${name}.bias`));
    const pHidden = config.hiddenDropoutProb;
    x = drop.apply(ln(x, "embeddings.LayerNorm"), pHidden);
    // [batch, 1, 1, tokens]: 0 where attended, float32's minimum at padding.
    const mask = tf.tensor4d(
      batch.attentionMask.flat().map((m) => (m ? 0 : MASKED)),
      [b, 1, 1, t],
    );
    for (let i = 0; i < config.numHiddenLayers; i++) {
      const names = layerNames(config, i);
      const context = attention(config, x, mask, drop, (n: "q" | "k" | "v") => dense(x, names[n]));
      // DistilBERT has no dropout after out_lin; BERT drops after attention.output.dense.
      const attnOut = dense(context, names.o);
      const h = ln(tf.add(distil ? attnOut : drop.apply(attnOut, pHidden), x), names.ln1);
      const ffn = dense(activation(dense(h, names.ff1), config.hiddenAct), names.ff2);
      x = ln(tf.add(drop.apply(ffn, pHidden), h), names.ln2);
    }
    const lastHiddenState = x as tf.Tensor3D;
    if (!pooler) return { lastHiddenState };
    const first = tf.reshape(tf.slice(x, [0, 0, 0], [b, 1, config.hiddenSize]), [b, -1]);
    return { lastHiddenState, poolerOutput: tf.tanh(dense(first, "pooler.dense")) as tf.Tensor2D };
  });
}

/** The parameter names of one layer's sublayers (base-model names, no prefix). */
export interface LayerNames {
  /** Query, key, value and output projections. */
  q: string;
  k: string;
  v: string;
  o: string;
  /** LayerNorm after attention. */
  ln1: string;
  /** The feed-forward layers. */
  ff1: string;
  ff2: string;
  /** LayerNorm after the feed-forward layer. */
  ln2: string;
}

/**
 * Layer `i`'s sublayer names: BERT's and RoBERTa's, or DistilBERT's.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseConfig } from "./config.ts";
 * import { layerNames } from "./encoder.ts";
 * const c = parseConfig({ model_type: "distilbert", vocab_size: 10, dim: 8, n_layers: 1,
 *   n_heads: 2, hidden_dim: 16 });
 * assertEquals(layerNames(c, 0).q, "transformer.layer.0.attention.q_lin");
 * ```
 */
export function layerNames(config: TransformerConfig, i: number): LayerNames {
  if (config.modelType === "distilbert") {
    const l = `transformer.layer.${i}`;
    return {
      q: `${l}.attention.q_lin`,
      k: `${l}.attention.k_lin`,
      v: `${l}.attention.v_lin`,
      o: `${l}.attention.out_lin`,
      ln1: `${l}.sa_layer_norm`,
      ff1: `${l}.ffn.lin1`,
      ff2: `${l}.ffn.lin2`,
      ln2: `${l}.output_layer_norm`,
    };
  }
  const l = `encoder.layer.${i}`;
  return {
    q: `${l}.attention.self.query`,
    k: `${l}.attention.self.key`,
    v: `${l}.attention.self.value`,
    o: `${l}.attention.output.dense`,
    ln1: `${l}.attention.output.LayerNorm`,
    ff1: `${l}.intermediate.dense`,
    ff2: `${l}.output.dense`,
    ln2: `${l}.output.LayerNorm`,
  };
}

/** Multi-head self-attention with the padding mask; returns the heads' context `[b, t, hidden]`. */
function attention(
  config: TransformerConfig,
  x: tf.Tensor,
  mask: tf.Tensor,
  drop: Dropout,
  project: (which: "q" | "k" | "v") => tf.Tensor,
): tf.Tensor {
  const [b, t, hidden] = x.shape;
  const heads = config.numAttentionHeads;
  const size = hidden / heads;
  const split = (h: tf.Tensor) => tf.transpose(tf.reshape(h, [b, t, heads, size]), [0, 2, 1, 3]);
  const q = split(project("q"));
  const k = split(project("k"));
  const v = split(project("v"));
  // Explicit transpose of k (not matMul's flag): much faster on wasm.
  const scores = tf.add(tf.div(tf.matMul(q, tf.transpose(k, [0, 1, 3, 2])), Math.sqrt(size)), mask);
  const probs = drop.apply(tf.softmax(scores), config.attentionProbsDropoutProb);
  return tf.reshape(tf.transpose(tf.matMul(probs, v), [0, 2, 1, 3]), [b, t, hidden]);
}
