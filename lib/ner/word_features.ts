/**
 * One feature vector per word from an encoder's per-subword features: how a frozen encoder's
 * token features become the inputs of a word-level tagger (Section 16.6.3.2 from the other
 * side: instead of spreading a word's label over its subwords, gather its subwords into one
 * vector and label that).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { wordToTokens } from "./align.ts";

/** How the subword vectors of a word become one: the first subword's, or their mean. */
export type WordPooling = "first" | "mean";

/** Options of {@link wordFeatures}. */
export interface WordFeaturesOptions {
  /** `"first"` (default): the first subword's vector, as `alignLabels`' `"first"`; `"mean"`: the mean. */
  strategy?: WordPooling;
  /** Number of words; default: the largest word id + 1. */
  numWords?: number;
  /**
   * Vector for a word without any subword (cut off by the encoder's length limit); without it,
   * such a word is an error.
   */
  missing?: Float32Array;
}

/**
 * One vector per word: the first subword's vector (`"first"`) or the mean of its subwords'
 * (`"mean"`). Special tokens (`wordIds` entry `null`) are skipped. `"first"` returns views of
 * the input vectors; `"mean"` returns new ones.
 *
 * @param features one vector per token, all of the same length.
 * @param wordIds the word of each token, `null` for special tokens.
 * @returns one vector per word, words in order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { wordFeatures } from "./word_features.ts";
 * // ▁Wash ington ▁is: two words, the first in two pieces.
 * const features = [[1, 0], [3, 2], [5, 5]].map((v) => new Float32Array(v));
 * const wordIds = [0, 0, 1];
 * const first = wordFeatures(features, wordIds);
 * const mean = wordFeatures(features, wordIds, { strategy: "mean" });
 * assertEquals(first.map((v) => v.join()).join(" "), "1,0 5,5");
 * assertEquals(mean.map((v) => v.join()).join(" "), "2,1 5,5");
 * ```
 */
export function wordFeatures(
  features: readonly Float32Array[],
  wordIds: readonly (number | null)[],
  { strategy = "first", numWords, missing }: WordFeaturesOptions = {},
): Float32Array[] {
  if (strategy !== "first" && strategy !== "mean") {
    throw new ArgumentError("strategy", strategy, "is not a word pooling", 'use "first" or "mean"');
  }
  for (const [name, xs] of [["features", features], ["wordIds", wordIds]] as const) {
    if (!Array.isArray(xs)) {
      throw new ArgumentError(name, xs, "is not an array", "give one entry per token");
    }
  }
  if (features.length !== wordIds.length) {
    throw new ArgumentError(
      "wordIds",
      wordIds,
      `has ${wordIds.length} entries but features has ${features.length} vectors`,
      "give one word index (or null) per token vector",
    );
  }
  const size = features[0]?.length ?? 0;
  features.forEach((v, t) => {
    if (!(v instanceof Float32Array) || v.length !== size || size === 0) {
      throw new ArgumentError(
        `features[${t}]`,
        v,
        `is not a non-empty Float32Array of length ${size || "> 0"}`,
        "give token vectors of one length",
      );
    }
  });
  if (missing !== undefined && !(missing instanceof Float32Array && missing.length === size)) {
    throw new ArgumentError(
      "missing",
      missing,
      `is not a Float32Array of length ${size}`,
      `give a ${size}-dimensional vector, e.g. zeros`,
    );
  }
  return wordToTokens(wordIds, numWords, missing !== undefined).map((tokens) => {
    if (tokens.length === 0) return missing!;
    if (strategy === "first") return features[tokens[0]];
    const out = new Float32Array(size);
    for (const t of tokens) {
      const v = features[t];
      for (let i = 0; i < size; i++) out[i] += v[i];
    }
    for (let i = 0; i < size; i++) out[i] /= tokens.length;
    return out;
  });
}
