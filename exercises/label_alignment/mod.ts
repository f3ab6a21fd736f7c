/**
 * # Token classification: BIO labels and word-to-subword alignment (Exercise 14.6.3; 16.6.3.2)
 *
 * 1. `bioLabels(entityTypes)`: the label list of a BIO tagger — `"O"`, then `B-` and `I-` of each
 *    type in the given order: `bioLabels(["PER", "LOC"])` →
 *    `["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]` (2·types + 1 classes).
 *
 * 2. `alignLabels(wordLabels, wordIds, options)`: one label id per **token** from one label id
 *    per **word**. `wordIds[i]` is the word of token i, or `null` for special tokens ([CLS],
 *    [SEP], padding) — the tokenizer's `word_ids()`.
 *    - special tokens get −100 (the loss ignores them);
 *    - the first token of each word gets the word's label;
 *    - `options.strategy = "first"` (default): the word's other tokens get −100;
 *      `"all"`: they get the word's label, except that a `B-X` becomes `I-X` (found by name in
 *      `options.labelList`, which `"all"` requires — an error naming `labelList` otherwise).
 *    - a word id outside [0, wordLabels.length) is an error naming `wordIds`.
 *
 * Example ([CLS] John lives in Wash ##ington [SEP], labels O B-PER I-PER B-LOC I-LOC …):
 *
 *     alignLabels([1, 0, 0, 3], [null, 0, 1, 2, 3, 3, null])   // [-100, 1, 0, 0, 3, -100, -100]
 *     alignLabels([1, 0, 0, 3], [null, 0, 1, 2, 3, 3, null], { strategy: "all", labelList })
 *                                                              // [-100, 1, 0, 0, 3, 4, -100]
 *
 * Off limits: the kit's `alignLabels` (lib/ner/align.ts).
 * Self-check: `deno test exercises/label_alignment/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** `"O"`, then `B-T`, `I-T` for each type. */
export function bioLabels(_entityTypes: string[]): string[] {
  throw new NotImplementedError("label_alignment: bioLabels");
}

/** One label id per token (−100 where the loss must skip it). */
export function alignLabels(
  _wordLabels: number[],
  _wordIds: (number | null)[],
  _options: { strategy?: "first" | "all"; labelList?: string[] } = {},
): number[] {
  throw new NotImplementedError("label_alignment: alignLabels");
}
