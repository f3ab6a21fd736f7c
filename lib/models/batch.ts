/**
 * Texts, text pairs or pre-split words to one padded batch, as a Hugging Face tokenizer called
 * with `padding=True, truncation=True` gives it (per-batch padding to the longest example).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { checkNonEmptyArray, withName } from "../encoders/check_input.ts";
import type { TransformersTokenizer } from "../encoders/transformers/tokenizer.ts";
import type { Encoding } from "../encoders/types.ts";
import type { EncoderBatch } from "./encoder.ts";

/** One sequence-classification input: a text, or a pair `[textA, textB]` (NLI, paraphrase…). */
export type TextInput = string | readonly [string, string];

/** A padded batch and each example's encoding. */
export interface PaddedBatch extends EncoderBatch {
  /** Each example's own encoding (tokens, `wordIds`), unpadded. */
  encodings: Encoding[];
}

/**
 * How a too-long pair is cut (transformers' `truncation=`): tokens off the end of the longer
 * text, one at a time (`longest_first`, the default), or off the first or the second text only
 * (an error when that text is too short to make it fit, as in transformers).
 */
export type TruncationStrategy = "longest_first" | "only_first" | "only_second";

/** Options of {@linkcode encodeInputs}. */
export interface BatchOptions {
  /** How pairs are cut (default `"longest_first"`). */
  truncation?: TruncationStrategy;
  /** Longest sequence, special tokens included. */
  maxLength: number;
  /** The id padding gets (`pad_token_id`). */
  padTokenId: number;
  /** Whether the model has segment embeddings; without them every type id is 0. */
  segments: boolean;
}

/**
 * Tokenizes each input (a text, a pair, or a list of words) and pads the batch.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TransformersTokenizer } from "../encoders/transformers/tokenizer.ts";
 * import { encodeInputs } from "./batch.ts";
 * const tok = await TransformersTokenizer.fromPretrained(
 *   new URL("../../data/models/tiny-bert", import.meta.url).pathname,
 * );
 * const b = encodeInputs(tok, ["good", ["good", "day"]], {
 *   maxLength: 16, padTokenId: 0, segments: true });
 * assertEquals(b.attentionMask, [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]);
 * assertEquals(b.tokenTypeIds, [[0, 0, 0, 0, 0], [0, 0, 0, 1, 1]]);
 * ```
 */
export function encodeInputs(
  tokenizer: TransformersTokenizer,
  inputs: readonly (TextInput | readonly string[])[],
  options: BatchOptions,
): PaddedBatch {
  checkNonEmptyArray(inputs, "inputs", "pass texts or pairs");
  const tokenize = { maxLength: options.maxLength };
  const encodings = inputs.map((input, i) =>
    withName(`inputs[${i}]`, () => {
      if (typeof input === "string") return tokenizer.tokenize(input, tokenize);
      if (!Array.isArray(input)) {
        throw new ArgumentError(
          "input",
          input,
          "is not a text, a pair [textA, textB] or a list of words",
          "give texts or pairs",
        );
      }
      const strategy = options.truncation ?? "longest_first";
      if (strategy === "longest_first") return tokenizer.tokenizePair(input[0], input[1], tokenize);
      return truncateOnly(
        tokenizer.tokenizePair(input[0], input[1], { maxLength: Infinity }),
        strategy,
        options.maxLength,
      );
    })
  );
  return pad(encodings, options);
}

/**
 * Tokenizes pre-split sentences (HF `is_split_into_words=True`) and pads the batch; each
 * encoding's `wordIds` map tokens to words, for `alignLabels`.
 */
export function encodeWords(
  tokenizer: TransformersTokenizer,
  sentences: readonly (readonly string[])[],
  options: BatchOptions,
): PaddedBatch {
  checkNonEmptyArray(sentences, "inputs", "pass one list of words per sentence", "word lists");
  const encodings = sentences.map((words, i) =>
    withName(
      `inputs[${i}]`,
      () => tokenizer.tokenizeWords([...words], { maxLength: options.maxLength }),
    )
  );
  return pad(encodings, options);
}

/**
 * Cuts the end of one text of a pair encoding: its content tokens are the first (or second) run
 * of tokens with a word id; special tokens stay.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { truncateOnly } from "./batch.ts";
 * const e = { inputIds: [2, 7, 8, 3, 9, 3], attentionMask: [1, 1, 1, 1, 1, 1],
 *   tokenTypeIds: [0, 0, 0, 0, 1, 1], wordIds: [null, 0, 1, null, 0, null],
 *   tokens: ["[CLS]", "a", "b", "[SEP]", "c", "[SEP]"] };
 * assertEquals(truncateOnly(e, "only_first", 5).inputIds, [2, 7, 3, 9, 3]);
 * assertThrows(() => truncateOnly(e, "only_second", 4), Error, "too short");
 * ```
 */
export function truncateOnly(
  e: Encoding,
  strategy: "only_first" | "only_second",
  maxLength: number,
): Encoding {
  const excess = e.inputIds.length - maxLength;
  if (excess <= 0) return e;
  // Content runs: maximal stretches of tokens with a word id.
  const runs: [number, number][] = [];
  e.wordIds.forEach((w, i) => {
    if (w === null) return;
    const last = runs.at(-1);
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  });
  const run = runs[strategy === "only_first" ? 0 : 1];
  if (!run || run[1] - run[0] < excess) {
    throw new ArgumentError(
      "options.truncation",
      strategy,
      `the ${strategy === "only_first" ? "first" : "second"} text ` +
        `has ${run ? run[1] - run[0] : 0} tokens, too short to cut ${excess} and fit ` +
        `maxLength ${maxLength}`,
      'use "longest_first"',
    );
  }
  const keep = (_: unknown, i: number) => i < run[1] - excess || i >= run[1];
  return {
    inputIds: e.inputIds.filter(keep),
    attentionMask: e.attentionMask.filter(keep),
    tokenTypeIds: e.tokenTypeIds.filter(keep),
    wordIds: e.wordIds.filter(keep),
    tokens: e.tokens.filter(keep),
  };
}

function pad(encodings: Encoding[], { padTokenId, segments }: BatchOptions): PaddedBatch {
  const width = Math.max(...encodings.map((e) => e.inputIds.length));
  const fill = (row: number[], value: number) => [
    ...row,
    ...new Array<number>(width - row.length).fill(value),
  ];
  return {
    encodings,
    inputIds: encodings.map((e) => fill(e.inputIds, padTokenId)),
    attentionMask: encodings.map((e) => fill(e.attentionMask, 0)),
    tokenTypeIds: encodings.map((e) =>
      fill(segments ? e.tokenTypeIds : e.tokenTypeIds.map(() => 0), 0)
    ),
  };
}
