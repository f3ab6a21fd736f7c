/**
 * Input checks shared by every seqeval function: one place that decides whether `yTrue` and
 * `yPred` are lists of sentences of the same shape, so each metric starts from valid input.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** Tags of a corpus: one array of tag strings per sentence, e.g. `[["B-PER", "I-PER", "O"]]`. */
export type Sequences = readonly (readonly string[])[];

/**
 * Checks that `yTrue` and `yPred` are arrays of sentences with the same number of sentences and
 * the same number of tags in each, and that there is at least one tag. Returns the number of
 * tags. The tags themselves are checked where they are read.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { checkPair } from "./input.ts";
 * assert(checkPair([["O", "B-PER"], []], [["O", "O"], []]) === 2);
 * let message = "";
 * try {
 *   checkPair([["O"], ["B-PER", "O"]], [["O"], ["B-PER"]]);
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * assert(message.startsWith('yPred[1] = ["B-PER"]: yTrue[1] has 2 tags'), message);
 * ```
 */
export function checkPair(yTrue: Sequences, yPred: Sequences): number {
  checkSentences(yTrue, "yTrue");
  checkSentences(yPred, "yPred");
  if (yTrue.length !== yPred.length) {
    throw new ArgumentError(
      "yPred.length",
      yPred.length,
      `yTrue has ${yTrue.length} sentences but yPred has ${yPred.length}`,
      "give one predicted sentence per true sentence",
    );
  }
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const n = yTrue[i].length;
    if (n !== yPred[i].length) {
      throw new ArgumentError(
        `yPred[${i}]`,
        yPred[i],
        `yTrue[${i}] has ${n} tags but yPred[${i}] has ${yPred[i].length}`,
        "give one predicted tag per true tag",
      );
    }
    total += n;
  }
  if (total === 0) {
    throw new ArgumentError(
      "yTrue",
      yTrue,
      yTrue.length === 0
        ? "yTrue and yPred are empty: there are no sentences to score"
        : `yTrue and yPred hold ${yTrue.length} sentences but no tags: there is nothing to score`,
      "pass at least one tagged sentence",
    );
  }
  return total;
}

/**
 * Checks that `seqs` is an array of arrays (sentences of tags).
 *
 * @example
 * ```ts
 * import { checkSentences } from "./input.ts";
 * checkSentences([["O"], []], "yTrue");
 * ```
 */
export function checkSentences(seqs: unknown, name: string): asserts seqs is Sequences {
  if (!Array.isArray(seqs)) {
    throw new ArgumentError(
      name,
      seqs,
      "is not an array of sentences",
      'pass arrays of tags, e.g. [["B-PER", "O"]]',
    );
  }
  for (let i = 0; i < seqs.length; i++) {
    if (!Array.isArray(seqs[i])) {
      throw new ArgumentError(
        `${name}[${i}]`,
        seqs[i],
        `${name} must be an array of sentences, each an array of tags`,
        `wrap a flat list of tags as [${name}]`,
      );
    }
  }
}
