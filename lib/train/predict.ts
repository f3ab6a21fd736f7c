/**
 * Inference on raw text: label names and scores (softmax for single-label, one sigmoid per label
 * for multi-label). Token models tag words with `predictEntities` (lib/ner/predict.ts).
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { argmaxRow } from "../argmax.ts";
import type { BodyLevel } from "../encoders/body.ts";
import type { Encoder } from "../encoders/types.ts";
import { ArgumentError } from "../errors.ts";
import type { ClassifierModel, TaskHead } from "../heads/model.ts";
import { softmax } from "../softmax.ts";

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
 * import type { Body } from "../encoders/body.ts";
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
  if (!Array.isArray(texts)) {
    throw new ArgumentError(
      "texts",
      texts,
      "is not an array",
      'pass an array of strings, e.g. ["great film"]',
    );
  }
  texts.forEach((t, i) => {
    if (typeof t !== "string") {
      throw new ArgumentError(`texts[${i}]`, t, "is not a string", "give one string per text");
    }
  });
  checkLevel(model.level, "sequence");
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

/**
 * Refuses an encoder other than the one a frozen-feature model was trained on (its body's name).
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import type { Encoder } from "../encoders/types.ts";
 * import { ArgumentError } from "../errors.ts";
 * import { checkEncoder } from "./predict.ts";
 * checkEncoder("use-lite", { name: "use-lite" } as Encoder);
 * assertThrows(
 *   () => checkEncoder("use-lite", { name: "bert" } as Encoder),
 *   ArgumentError,
 *   'encoder.name = "bert": is not the encoder the model was trained on ("use-lite")',
 * );
 * ```
 */
export function checkEncoder(bodyName: string, encoder: Encoder): void {
  if (encoder.name !== bodyName) {
    throw new ArgumentError(
      "encoder.name",
      encoder.name,
      `is not the encoder the model was trained on ("${bodyName}")`,
      `pass the "${bodyName}" encoder`,
    );
  }
}

/** The inference function of each level, and what it labels. */
const INFERENCE: Record<BodyLevel, { fn: string; does: string }> = {
  sequence: { fn: "predict()", does: "labels whole texts" },
  token: { fn: "predictEntities()", does: "labels each word" },
};

/**
 * Refuses a model of the other level than the inference function's (`predict` labels texts,
 * `predictEntities` words), naming the function to use instead.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { ArgumentError } from "../errors.ts";
 * import { checkLevel } from "./predict.ts";
 * checkLevel("token", "token");
 * assertThrows(
 *   () => checkLevel("token", "sequence"),
 *   ArgumentError,
 *   "is not a sequence model's: predict() labels whole texts; use predictEntities() for a token model",
 * );
 * ```
 */
export function checkLevel(level: BodyLevel, want: BodyLevel): void {
  if (level === want) return;
  const other = want === "token" ? "sequence" : "token";
  throw new ArgumentError(
    "model.level",
    level,
    `is not a ${want} model's: ${INFERENCE[want].fn} ${INFERENCE[want].does}`,
    `use ${INFERENCE[other].fn} for a ${other} model`,
  );
}
