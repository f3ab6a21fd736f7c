/**
 * Named-entity inference: the label of every word of a sentence (its first piece's) and the
 * entity spans seqeval reads off those labels.
 * @module
 */
import { argmaxRow } from "../argmax.ts";
import { runSortedBatches } from "../encoders/batching.ts";
import type { WordsBody } from "../encoders/body.ts";
import type { Encoder } from "../encoders/types.ts";
import { ArgumentError } from "../errors.ts";
import type { ClassifierModel } from "../heads/model.ts";
import { getEntities } from "../seqeval/chunks.ts";
import { softmax } from "../softmax.ts";
import { checkEncoder, checkLevel } from "../train/predict.ts";
import { wordPredictions } from "./align.ts";

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
 * import { tokenFeatureBody } from "../encoders/body.ts";
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
  { encoder, task, batchSize }: PredictEntitiesOptions = {},
): Promise<TokenPrediction[]> {
  checkLevel(model.level, "token");
  const head = model.task(task);
  const names = Object.values(head.id2label);
  const words = sentences.map((s, i) => {
    const ws = typeof s === "string"
      ? s.split(/\s+/).filter((w) => w.length > 0)
      : Array.isArray(s) && s.every((w) => typeof w === "string")
      ? s
      : undefined;
    if (!ws) {
      throw new ArgumentError(
        `sentences[${i}]`,
        s,
        "is not a string or an array of words",
        'give e.g. "Ada lives in Paris" or ["Ada", "lives", "in", "Paris"]',
      );
    }
    if (ws.length === 0) {
      throw new ArgumentError(`sentences[${i}]`, s, "has no words to label", "drop it");
    }
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
    throw new ArgumentError(
      "encoder",
      encoder,
      `is missing, but the model reads precomputed token features ("${model.body.name}")`,
      "pass the { encoder } that made them",
    );
  }
  const rows = await runSortedBatches(words.map((_, i) => i), (i) => wordIds[i].length, (idx) => {
    const logits = (model as ClassifierModel<unknown>).forward(idx.map((i) => inputs[i]), { task });
    const batch = logits.arraySync() as number[][][];
    logits.dispose();
    return idx.map((i, k) => batch[k].slice(0, wordIds[i].length));
  }, { batchSize, progress: false, label: "predictEntities" });
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
