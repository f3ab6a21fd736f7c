/**
 * Word ↔ subword label alignment for token classification (Section 16.6.3.2): word-level BIO
 * labels onto the tokenizer's subwords for training, and token predictions back to one per word
 * for evaluation with seqeval.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { alignLabels, wordPredictions } from "./align.ts";
 * const labelList = ["O", "B-LOC", "I-LOC"];
 * const wordIds = [null, 0, 1, 1, null]; // [CLS] in Wash ##ington [SEP]
 * const ids = alignLabels(["O", "B-LOC"], wordIds, { labelList });
 * assert(ids.join() === "-100,0,1,-100,-100");
 * assert(wordPredictions(ids, wordIds).join() === "0,1");
 * ```
 * @module
 */
import { argmaxRow } from "../argmax.ts";
import { ArgumentError } from "../errors.ts";
import { IGNORE_INDEX } from "../train/data.ts";

/** How continuation subwords are labelled: `-100` (`"first"`) or the word's I- tag (`"all"`). */
export type AlignStrategy = "first" | "all";

/** Options of {@link alignLabels}. */
export interface AlignLabelsOptions {
  /** `"first"` (default): only the first subword of a word is labelled; `"all"`: every one. */
  strategy?: AlignStrategy;
  /**
   * Label names by id. Needed when `wordLabels` are names, and for `"all"` (to find the I- tag
   * of a B- tag by name).
   */
  labelList?: readonly string[];
}

/**
 * Refuses a `labelList` that is not a non-empty array of tag names (by id), the check of every
 * NER entry point that takes one.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { ArgumentError } from "../errors.ts";
 * import { checkLabelList } from "./align.ts";
 * checkLabelList(["O", "B-PER", "I-PER"]);
 * assertThrows(() => checkLabelList([]), ArgumentError, "is not a non-empty array of tag names");
 * ```
 */
export function checkLabelList(labelList: readonly string[]): void {
  if (!Array.isArray(labelList) || labelList.length === 0) {
    throw new ArgumentError(
      "labelList",
      labelList,
      "is not a non-empty array of tag names",
      'pass the tags by id, e.g. ["O", "B-PER", "I-PER"]',
    );
  }
}

/**
 * The tokens of every word (Hugging Face's `BatchEncoding.word_to_tokens`, for all words at
 * once, as token indices): what {@link wordPredictions} and `wordFeatures` gather per word.
 * `wordIds` is checked; a word without any token (cut by truncation) is an error unless
 * `allowMissing`, then its list is empty.
 *
 * @param numWords the sentence's number of words; default: the largest word id + 1.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { wordToTokens } from "./align.ts";
 * assertEquals(wordToTokens([null, 0, 1, 1, null]), [[1], [2, 3]]);
 * assertEquals(wordToTokens([null, 0, null], 2, true), [[1], []]);
 * ```
 */
export function wordToTokens(
  wordIds: readonly (number | null)[],
  numWords?: number,
  allowMissing = false,
): number[][] {
  if (!Array.isArray(wordIds)) checkWordIds(wordIds, 0); // throws: "is not an array"
  const seen = wordIds.reduce<number>((m, w) => (w !== null && w > m ? w : m), -1) + 1;
  const n = numWords ?? seen;
  if (!Number.isInteger(n) || n < 0) {
    throw new ArgumentError(
      "numWords",
      numWords,
      "is not an integer >= 0",
      "give the sentence's number of words, or leave it out",
    );
  }
  checkWordIds(wordIds, n);
  const tokensOf: number[][] = Array.from({ length: n }, () => []);
  wordIds.forEach((w, t) => w !== null && tokensOf[w].push(t));
  const cut = tokensOf.findIndex((tokens) => tokens.length === 0);
  if (cut >= 0 && !allowMissing) {
    throw new ArgumentError(
      "wordIds",
      wordIds,
      `word ${cut} has no token (cut by truncation?)`,
      "pass { missing } to fill it",
    );
  }
  return tokensOf;
}

/** How {@link wordPredictions} picks one prediction per word. */
export type WordAggregation = "first" | "average" | "max";

/** Options of {@link wordPredictions}. */
export interface WordPredictionsOptions<T> {
  /**
   * `"first"` (default): the first subword's prediction. `"average"` / `"max"` take per-token
   * score rows and return the argmax of the word's mean row / of the row holding the word's
   * highest score (the Hugging Face token-classification pipeline's aggregation strategies).
   */
  strategy?: WordAggregation;
  /** Number of words; default: the largest word id + 1. */
  numWords?: number;
  /** Prediction for a word without any token (cut by truncation); without it, an error. */
  missing?: T;
}

function checkWordIds(wordIds: readonly (number | null)[], numWords: number): void {
  if (!Array.isArray(wordIds)) {
    throw new ArgumentError(
      "wordIds",
      wordIds,
      "is not an array",
      "give the word index of each token, null for special tokens",
    );
  }
  wordIds.forEach((w, i) => {
    if (w !== null && !(Number.isInteger(w) && w >= 0 && w < numWords)) {
      throw new ArgumentError(
        `wordIds[${i}]`,
        w,
        `is neither null nor a word index in [0, ${numWords})`,
        "use the tokenizer's wordIds for these words",
      );
    }
  });
}

/** Word labels (names or ids) as ids, checked against `labelList`. */
function labelIds(
  wordLabels: readonly (string | number)[],
  labelList: readonly string[] | undefined,
): number[] {
  const index = new Map(labelList?.map((name, id) => [name, id]));
  return wordLabels.map((y, i) => {
    if (typeof y === "string") {
      if (!labelList) {
        throw new ArgumentError(
          `wordLabels[${i}]`,
          y,
          "is a tag name, so labelList is required",
          "pass { labelList } (the tag names by id), or give label ids",
        );
      }
      const id = index.get(y);
      if (id === undefined) {
        throw new ArgumentError(
          `wordLabels[${i}]`,
          y,
          `is not in labelList (${labelList.join(", ")})`,
          "use a tag of labelList",
        );
      }
      return id;
    }
    const known = Number.isInteger(y) && y >= 0 && (!labelList || y < labelList.length);
    if (y !== IGNORE_INDEX && !known) {
      throw new ArgumentError(
        `wordLabels[${i}]`,
        y,
        "is not a label id" +
          (labelList ? ` in [0, ${labelList.length})` : " (an integer >= 0)") + " nor -100",
        "use a label id, or -100 for a word the loss skips",
      );
    }
    return y;
  });
}

/** For each label id, the id of its continuation label: I-X for B-X, itself otherwise. */
function continuationIds(labelList: readonly string[]): number[] {
  return labelList.map((name, id) => {
    if (!name.startsWith("B-")) return id;
    const inside = labelList.indexOf(`I-${name.slice(2)}`);
    if (inside < 0) {
      throw new ArgumentError(
        "labelList",
        labelList,
        `has "${name}" but no "I-${name.slice(2)}" for its continuation subwords`,
        `add "I-${name.slice(2)}" (strategy "all" expects IOB2 tags), or use strategy "first"`,
      );
    }
    return inside;
  });
}

/**
 * One label id per token from one label per word, the chapter's `tokenize_and_align_labels`:
 * special tokens (`wordIds` entry `null`) get -100; the first subword of each word gets the
 * word's label; continuation subwords get -100 (`"first"`) or the word's label with `B-X`
 * turned into `I-X` (`"all"`), found by NAME in `labelList` — not by the `label % 2` parity
 * trick, which only holds for one particular label order. Word labels of -100 stay -100.
 *
 * The chapter's printed Code Fragment is garbled: `previous_word_id = word_id`,
 * `labels.append(label_row)`, `tokenized["labels"] = labels` and `return tokenized` are all
 * indented inside the continuation branch, so it returns after the first continuation subword
 * of the first sentence, without the labels of the rest of the batch. This function is the
 * intended logic, one sequence at a time (map it over a batch). As in Hugging Face's
 * run_ner.py, a token counts as a word's first subword when its word id differs from the
 * previous token's.
 *
 * @param wordLabels one label per word: names (then `labelList` is required) or ids.
 * @param wordIds the word index of each token, `null` for special tokens (the fast
 *   tokenizers' `word_ids()`; the kit's encoders give it as `wordIds`).
 * @returns one id per token, -100 where the loss must skip the token.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { alignLabels } from "./align.ts";
 * const labelList = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
 * // [CLS] John lives in Wash ##ington [SEP]
 * const wordIds = [null, 0, 1, 2, 3, 3, null];
 * const words = ["B-PER", "O", "O", "B-LOC"];
 * const first = alignLabels(words, wordIds, { labelList });
 * const all = alignLabels(words, wordIds, { labelList, strategy: "all" });
 * assert(first.join() === "-100,1,0,0,5,-100,-100");
 * assert(all.join() === "-100,1,0,0,5,6,-100"); // ##ington: I-LOC
 * ```
 */
export function alignLabels(
  wordLabels: readonly (string | number)[],
  wordIds: readonly (number | null)[],
  { strategy = "first", labelList }: AlignLabelsOptions = {},
): number[] {
  if (strategy !== "first" && strategy !== "all") {
    throw new ArgumentError(
      "strategy",
      strategy,
      "is not an alignment strategy",
      'use "first" or "all"',
    );
  }
  if (!Array.isArray(wordLabels)) {
    throw new ArgumentError("wordLabels", wordLabels, "is not an array", "give one label per word");
  }
  checkWordIds(wordIds, wordLabels.length);
  const ids = labelIds(wordLabels, labelList);
  let continuation: number[] | undefined;
  if (strategy === "all") {
    if (!labelList) {
      throw new ArgumentError(
        "labelList",
        labelList,
        'is required by strategy "all" to find the I- tags',
        "pass { labelList } (the tag names by id)",
      );
    }
    continuation = continuationIds(labelList);
  }
  let previous: number | null = null;
  return wordIds.map((w) => {
    const isFirst = w !== previous;
    previous = w;
    if (w === null) return IGNORE_INDEX;
    const y = ids[w];
    if (isFirst || y === IGNORE_INDEX) return y;
    return continuation ? continuation[y] : IGNORE_INDEX;
  });
}

/**
 * One prediction per word from one prediction per token — the inverse of
 * {@link alignLabels}, for entity-level evaluation on the dataset's words. With `"first"`
 * (default) each word takes its first subword's prediction, whatever its type (ids, names,
 * score rows). `"average"` and `"max"` take one score row per token (logits or probabilities)
 * and return a class id per word. Special tokens (`null`) are skipped.
 *
 * @param tokenPreds one prediction per token, aligned with `wordIds`.
 * @param wordIds the word index of each token, `null` for special tokens.
 * @returns one prediction per word, words in order.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { wordPredictions } from "./align.ts";
 * const wordIds = [null, 0, 1, 1, null];
 * assert(wordPredictions(["O", "B-LOC", "I-LOC", "O", "O"], wordIds).join() === "B-LOC,I-LOC");
 * const scores = [[0, 0], [0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0, 0]];
 * assert(wordPredictions(scores, wordIds, { strategy: "average" }).join() === "0,1");
 * ```
 */
export function wordPredictions<T>(
  tokenPreds: readonly T[],
  wordIds: readonly (number | null)[],
  options?: WordPredictionsOptions<T> & { strategy?: "first" },
): T[];
export function wordPredictions(
  tokenPreds: readonly (readonly number[])[],
  wordIds: readonly (number | null)[],
  options: WordPredictionsOptions<number> & { strategy: "average" | "max" },
): number[];
export function wordPredictions<T>(
  tokenPreds: readonly T[],
  wordIds: readonly (number | null)[],
  options: WordPredictionsOptions<T> = {},
): (T | number)[] {
  const { strategy = "first", missing } = options;
  if (strategy !== "first" && strategy !== "average" && strategy !== "max") {
    throw new ArgumentError(
      "strategy",
      strategy,
      "is not a word aggregation",
      'use "first", "average" or "max"',
    );
  }
  for (const [name, xs] of [["tokenPreds", tokenPreds], ["wordIds", wordIds]] as const) {
    if (!Array.isArray(xs)) {
      throw new ArgumentError(name, xs, "is not an array", "give one entry per token");
    }
  }
  if (tokenPreds.length !== wordIds.length) {
    throw new ArgumentError(
      "tokenPreds",
      tokenPreds,
      `has ${tokenPreds.length} entries but wordIds has ${wordIds.length}`,
      "give one prediction per token of wordIds",
    );
  }
  const tokensOf = wordToTokens(wordIds, options.numWords, missing !== undefined);
  return tokensOf.map((tokens, w) => {
    if (tokens.length === 0) return missing!;
    if (strategy === "first") return tokenPreds[tokens[0]];
    const rows = tokens.map((t) => {
      const row = tokenPreds[t];
      if (!Array.isArray(row) || row.some((x) => typeof x !== "number" || Number.isNaN(x))) {
        throw new ArgumentError(
          `tokenPreds[${t}]`,
          row,
          `is not a row of numeric scores, which strategy "${strategy}" needs`,
          'give one score row per token, or use strategy "first"',
        );
      }
      return row as number[];
    });
    const width = rows[0].length;
    if (width === 0 || rows.some((r) => r.length !== width)) {
      throw new ArgumentError(
        `tokenPreds[${tokens[0]}]`,
        tokenPreds[tokens[0]],
        `starts word ${w}, whose score rows are empty or of unequal lengths`,
        "give score rows of one length (the number of labels)",
      );
    }
    if (strategy === "max") {
      // The token holding the word's single highest score decides.
      let best = rows[0];
      for (const r of rows) if (Math.max(...r) > Math.max(...best)) best = r;
      return argmaxRow(best);
    }
    const mean = Array.from({ length: width }, (_, c) => rows.reduce((s, r) => s + r[c], 0));
    return argmaxRow(mean);
  });
}
