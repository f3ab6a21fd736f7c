/**
 * Inference on raw text: label names and scores (softmax for single-label, one sigmoid per label
 * for multi-label), and for token models the label of every word and the entity spans.
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { argmaxRow } from "../argmax.ts";
import type { Encoder } from "../encoders/types.ts";
import type { WordsBody } from "../heads/body.ts";
import type { ClassifierModel, TaskHead } from "../heads/model.ts";
import { getEntities } from "../seqeval/chunks.ts";
import { wordPredictions } from "../ner/align.ts";

/** A single-label prediction. */
export interface LabelPrediction {
  /** The most probable label. */
  label: string;
  /** Its probability. */
  score: number;
  /** The probability of every label. */
  scores: Record<string, number>;
}

/** A multi-label prediction. */
export interface MultiLabelPrediction {
  /** Labels whose probability reaches the threshold. */
  labels: string[];
  /** The probability of every label. */
  scores: Record<string, number>;
}

/** An entity span over words, end exclusive. */
export interface EntitySpan {
  /** Entity type (`PER`, `LOC`…). */
  type: string;
  /** First word. */
  start: number;
  /** One past the last word. */
  end: number;
  /** The words joined by spaces. */
  text: string;
}

/** The labels of one sentence's words, and its entities. */
export interface TokenPrediction {
  /** The words. */
  words: string[];
  /** One label per word (its first piece's). */
  labels: string[];
  /** The probability of each word's label. */
  scores: number[];
  /** Entity spans from the labels (seqeval's `getEntities`). */
  entities: EntitySpan[];
}

/** Options of {@linkcode predict}. */
export interface PredictOptions {
  /** Encoder for models on precomputed features (their body takes vectors, not text). */
  encoder?: Encoder;
  /** Task of a multi-task model. */
  task?: string;
  /** Multi-label decision threshold on each probability (default 0.5). */
  threshold?: number;
}

/**
 * Label names and scores from logits rows — the pure part of {@linkcode predict}.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { logitsToPredictions } from "./predict.ts";
 * const head = { id2label: { 0: "neg", 1: "pos" }, problemType: "single_label_classification" as const };
 * const [p] = logitsToPredictions([[0, Math.log(3)]], head);
 * assert("label" in p && p.label === "pos" && Math.abs(p.score - 0.75) < 1e-12);
 * ```
 */
export function logitsToPredictions(
  logits: number[][],
  head: Pick<TaskHead, "id2label" | "problemType">,
  threshold = 0.5,
): LabelPrediction[] | MultiLabelPrediction[] {
  const names = Object.values(head.id2label);
  if (head.problemType === "multi_label_classification") {
    return logits.map((row) => {
      const p = row.map((z) => 1 / (1 + Math.exp(-z)));
      return {
        labels: names.filter((_, k) => p[k] >= threshold),
        scores: Object.fromEntries(names.map((n, k) => [n, p[k]])),
      };
    });
  }
  if (head.problemType === "regression") {
    // as HF's pipeline with function_to_apply="none": the raw output is the score
    return logits.map((row) => ({
      label: names[0],
      score: row[0],
      scores: { [names[0]]: row[0] },
    }));
  }
  return logits.map((row) => {
    const p = softmax(row);
    const best = argmaxRow(p);
    return {
      label: names[best],
      score: p[best],
      scores: Object.fromEntries(names.map((n, k) => [n, p[k]])),
    };
  });
}

/**
 * `np.argmax(logits, axis=-1)`: the index of the largest value of every row — for
 * `computeMetrics`, on pooled (`[examples][labels]`) or token (`[examples][tokens][labels]`)
 * predictions.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { argmax } from "./predict.ts";
 * assert(argmax([[0.1, 2], [3, -1]]).join() === "1,0");
 * assert(JSON.stringify(argmax([[[0, 1], [1, 0]]])) === "[[1,0]]");
 * ```
 */
export function argmax(logits: number[][]): number[];
export function argmax(logits: number[][][]): number[][];
export function argmax(logits: number[][] | number[][][]): number[] | number[][];
export function argmax(logits: number[][] | number[][][]): number[] | number[][] {
  return logits.map((r) =>
    Array.isArray(r[0]) ? (r as number[][]).map(argmaxRow) : argmaxRow(r as number[])
  ) as
    | number[]
    | number[][];
}

/**
 * Classifies raw texts. A model trained on frozen features needs the `encoder` that made them
 * (its embedding cache makes repeated texts free); an end-to-end model reads text itself.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { createClassifier } from "../heads/model.ts";
 * import type { Body } from "../heads/body.ts";
 * import * as tf from "@tensorflow/tfjs";
 * import { predict } from "./predict.ts";
 * // a toy text body: one feature, the text's length
 * const body: Body<string> = {
 *   name: "length", hiddenSize: 1, level: "sequence", trainableVariables: () => [],
 *   forward: (texts) => tf.tensor2d(texts.map((t) => [t.length])),
 * };
 * const model = createClassifier(body, { labels: ["short", "long"] });
 * const [p] = await predict(model, ["hello"]);
 * assert("label" in p && ["short", "long"].includes(p.label));
 * model.dispose();
 * ```
 */
export async function predict(
  model: ClassifierModel<string> | ClassifierModel<Float32Array>,
  texts: string[],
  { encoder, task, threshold = 0.5 }: PredictOptions = {},
): Promise<LabelPrediction[] | MultiLabelPrediction[]> {
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
    throw new Error("texts must be an array of strings");
  }
  if (model.level !== "sequence") {
    throw new Error("predict() needs a sequence model; use predictEntities()");
  }
  const head = model.task(task);
  if (texts.length === 0) return [];
  let logits: tf.Tensor;
  if (encoder) {
    checkEncoder(model.body.name, encoder);
    const features = await encoder.embed(texts, { progress: false });
    logits = (model as ClassifierModel<Float32Array>).forward(features, { task });
  } else {
    logits = (model as ClassifierModel<string>).forward(texts, { task });
  }
  const rows = logits.arraySync() as number[][];
  logits.dispose();
  return logitsToPredictions(rows, head, threshold);
}

/** Options of {@linkcode predictEntities}. */
export interface PredictEntitiesOptions {
  /** The encoder whose token features a frozen-feature model was trained on. */
  encoder?: Encoder;
  /** Task of a multi-task model. */
  task?: string;
  /** Sentences per forward pass (default 32), in order of length: less padding. */
  batchSize?: number;
}

/**
 * Labels every word of pre-split sentences (or whitespace-split texts) and reads off the
 * entity spans. A model trained end to end on a token body over words (`WordsBody`, e.g.
 * `TrainableUseLite`'s `tokenBody()`) reads the words itself; a model trained on frozen token
 * features needs the `encoder` that made them. Each word takes its first token's label; a
 * word cut off by the encoder's length limit gets the label of id 0 (`O`).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import type { Encoder } from "../encoders/types.ts";
 * import { tokenFeatureBody } from "../heads/body.ts";
 * import { createClassifier } from "../heads/model.ts";
 * import { predictEntities } from "./predict.ts";
 * // a toy encoder: one piece per word, feature 1 for capitalised words
 * const encoder = {
 *   name: "caps", hiddenSize: 1, tokenHiddenSize: 1,
 *   tokenFeatures: (sentences: string[][]) => Promise.resolve(sentences.map((ws) => ({
 *     features: ws.map((w) => new Float32Array([w[0] === w[0].toUpperCase() ? 1 : 0])),
 *     wordIds: ws.map((_, i) => i), tokens: ws,
 *   }))),
 * } as unknown as Encoder;
 * const model = createClassifier(tokenFeatureBody({ name: "caps", hiddenSize: 1 }), { labels: ["O", "B-PER"] });
 * const [w, b] = [...model.namedVariables().values()];
 * w.assign(tf.tensor2d([[-5], [5]]));
 * b.assign(tf.tensor1d([2, -2]));
 * const [p] = await predictEntities(model, ["met Ada today"], { encoder });
 * assert(p.labels.join() === "O,B-PER,O" && p.entities[0].text === "Ada");
 * model.dispose();
 * ```
 */
export async function predictEntities(
  model: ClassifierModel<Float32Array[]> | ClassifierModel<string[]>,
  sentences: (string | string[])[],
  { encoder, task, batchSize = 32 }: PredictEntitiesOptions = {},
): Promise<TokenPrediction[]> {
  if (model.level !== "token") throw new Error("predictEntities() needs a token model");
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const head = model.task(task);
  const names = Object.values(head.id2label);
  const words = sentences.map((s, i) => {
    const ws = typeof s === "string"
      ? s.split(/\s+/).filter((w) => w.length > 0)
      : Array.isArray(s) && s.every((w) => typeof w === "string")
      ? s
      : undefined;
    if (!ws) throw new Error(`sentences[${i}] must be a string or an array of words`);
    if (ws.length === 0) throw new Error(`sentences[${i}] is empty: it has no words to label`);
    return ws;
  });
  // What the body reads, and the word of each of its rows.
  let inputs: (Float32Array[] | string[])[];
  let wordIds: (number | null)[][];
  const body = model.body as Partial<WordsBody>;
  if (encoder) {
    checkEncoder(model.body.name, encoder);
    const feats = await encoder.tokenFeatures(words, { progress: false });
    inputs = feats.map((f) => f.features);
    wordIds = feats.map((f) => f.wordIds);
  } else if (typeof body.tokenizeWords === "function") {
    inputs = words;
    wordIds = words.map((ws) => body.tokenizeWords!(ws).wordIds);
  } else {
    throw new Error(
      `the model reads precomputed token features: pass the { encoder } that made them ` +
        `(the model was trained on "${model.body.name}")`,
    );
  }
  const order = words.map((_, i) => i).sort((a, b) => wordIds[a].length - wordIds[b].length);
  const rows: number[][][] = new Array(words.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    const logits = (model as ClassifierModel<unknown>).forward(idx.map((i) => inputs[i]), { task });
    const batch = logits.arraySync() as number[][][];
    logits.dispose();
    idx.forEach((i, k) => rows[i] = batch[k].slice(0, wordIds[i].length));
  }
  const cut = names.map((_, k) => (k === 0 ? 1 : 0));
  return words.map((ws, i) => {
    const probs = rows[i].map(softmax);
    const perWord = wordPredictions(probs, wordIds[i], { numWords: ws.length, missing: cut });
    const ids = perWord.map(argmaxRow);
    const labels = ids.map((k) => names[k]);
    const entities = getEntities(labels).map(([type, start, end]) => ({
      type,
      start,
      end: end + 1,
      text: ws.slice(start, end + 1).join(" "),
    }));
    return { words: ws, labels, scores: perWord.map((p, w) => p[ids[w]]), entities };
  });
}

function checkEncoder(bodyName: string, encoder: Encoder): void {
  if (encoder.name !== bodyName) {
    throw new Error(`the model was trained on encoder "${bodyName}", not "${encoder.name}"`);
  }
}

function softmax(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
