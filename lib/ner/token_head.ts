/**
 * A linear token head on a frozen encoder's per-piece features, trained and read back as one
 * tag per word (Section 16.6.3): the three ways of feeding it — pieces labelled as the chapter
 * aligns them (`"first"` or `"all"`), or one mean vector per word — and the word-level tags that
 * seqeval scores.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { argmax } from "../train/predict.ts";
import type { TokenFeatures } from "../encoders/types.ts";
import type { Body } from "../encoders/body.ts";
import { fitPredict } from "../train/fit_predict.ts";
import type { TrainingArguments } from "../train/training_args.ts";
import { alignLabels, checkLabelList, wordPredictions } from "./align.ts";
import { wordFeatures } from "./word_features.ts";

/**
 * What the head classifies: `"pieces, first"` — one vector per piece, labels aligned with
 * `"first"` (continuations -100), each word predicted by its first piece (the chapter's
 * recipe); `"pieces, all"` — the same with continuation pieces labelled I-X; `"words, mean"` —
 * one vector per word, the mean of its pieces, labelled with the word's own tag.
 */
export type TokenHeadInputs = "pieces, first" | "pieces, all" | "words, mean";

/** The three {@link TokenHeadInputs}, in the order notebook 16_6_3 compares them. */
export const TOKEN_HEAD_INPUTS: readonly TokenHeadInputs[] = [
  "pieces, first",
  "pieces, all",
  "words, mean",
];

/** Sentences for {@link fitPredictTags}: the encoder's features and the word tags. */
export interface TaggedFeatures {
  /** Per-piece features and word ids of each sentence (the encoder's `tokenFeatures`). */
  features: readonly TokenFeatures[];
  /** Tag ids of each sentence's words (indices into `labelList`). */
  tags: readonly (readonly number[])[];
}

/** Options of {@link fitPredictTags}. */
export interface FitPredictTagsOptions {
  /** Which vectors the head classifies and how they are labelled. */
  inputs: TokenHeadInputs;
  /** A token body for the features (`tokenFeatureBody`); it is not freed. */
  body: Body<Float32Array[]>;
  /** Training sentences. */
  train: TaggedFeatures;
  /** Sentences to tag (their tags are only checked, as the Trainer's predict needs labels). */
  test: TaggedFeatures;
  /** Tag names by id, BIO (IOB2) tags for `"pieces, all"`; id 0 is what a word cut off gets. */
  labelList: readonly string[];
  /** Training arguments (`seed` below overrides `args.seed`). */
  args?: TrainingArguments;
  /** Seeds the head's weights, dropout and batch order (default 42, as `fitPredict`). */
  seed?: number;
}

/**
 * Trains a fresh linear token head on `train` and returns the predicted tag of every word of
 * `test`. A word beyond the encoder's length limit has no piece: it gets a zero vector
 * (`"words, mean"`) or the tag `labelList[0]` (pieces).
 *
 * @returns one tag name per word of each test sentence.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tokenFeatureBody } from "../encoders/body.ts";
 * import { fitPredictTags } from "./token_head.ts";
 * // Two words: "Wash ington" is one B-LOC word in two pieces, "is" an O word.
 * const v = (...x: number[]) => new Float32Array(x);
 * const sentence = {
 *   features: [v(1, 0), v(0.8, 0.2), v(0, 1)],
 *   wordIds: [0, 0, 1],
 *   tokens: ["▁Wash", "ington", "▁is"],
 * };
 * const data = { features: [sentence], tags: [[1, 0]] };
 * const tags = await fitPredictTags({
 *   inputs: "pieces, first",
 *   body: tokenFeatureBody({ name: "toy", hiddenSize: 2 }),
 *   train: data,
 *   test: data,
 *   labelList: ["O", "B-LOC", "I-LOC"],
 *   args: { numTrainEpochs: 40, learningRate: 0.1, disableTqdm: true },
 *   seed: 0,
 * });
 * assertEquals(tags, [["B-LOC", "O"]]);
 * ```
 */
export async function fitPredictTags(options: FitPredictTagsOptions): Promise<string[][]> {
  const { inputs, body, train, test, labelList, args, seed } = options;
  if (!TOKEN_HEAD_INPUTS.includes(inputs)) {
    throw new ArgumentError(
      "inputs",
      inputs,
      "is not a token head input",
      `use one of ${TOKEN_HEAD_INPUTS.map((s) => `"${s}"`).join(", ")}`,
    );
  }
  checkLabelList(labelList);
  for (const [name, data] of [["train", train], ["test", test]] as const) {
    if (!Array.isArray(data?.features) || !Array.isArray(data?.tags)) {
      throw new ArgumentError(
        name,
        data,
        "is not { features, tags } with two arrays",
        "pass one TokenFeatures and one tag row per sentence",
      );
    }
    if (data.features.length !== data.tags.length) {
      throw new ArgumentError(
        `${name}.tags`,
        data.tags,
        `has ${data.tags.length} tag rows for ${data.features.length} feature rows`,
        "give one tag row per sentence",
      );
    }
  }
  const words = inputs === "words, mean";
  const zeros = new Float32Array(body.hiddenSize);
  const datasetOf = ({ features, tags }: TaggedFeatures) => ({
    inputs: features.map((f, i) =>
      words
        ? wordFeatures(f.features, f.wordIds, {
          strategy: "mean",
          numWords: tags[i].length,
          missing: zeros,
        })
        : f.features
    ),
    labels: words
      ? tags.map((row) => [...row])
      : features.map((f, i) =>
        alignLabels(tags[i], f.wordIds, {
          strategy: inputs === "pieces, all" ? "all" : "first",
          labelList,
        })
      ),
  });
  const { logits } = await fitPredict({
    body,
    task: { labels: [...labelList] },
    kind: "token",
    train: datasetOf(train),
    predict: [datasetOf(test)],
    args,
    seed,
  });
  return argmax(logits[0]).map((row, i) =>
    (words ? row : wordPredictions(row, test.features[i].wordIds, {
      numWords: test.tags[i].length,
      missing: 0,
    })).map((id) => labelList[id])
  );
}
