/**
 * The label half of Hugging Face's `DataCollatorForTokenClassification`: a batch's label rows
 * padded with -100 to its longest row, so that padding tokens, like special tokens and
 * continuation pieces, count for nothing in the loss. (The inputs half is the body's: it pads
 * its own token rows, zero past each sentence.)
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { IGNORE_INDEX } from "./data.ts";

/** Options of {@linkcode dataCollatorForTokenClassification}. */
export interface TokenCollatorOptions {
  /** The padding label (default -100, which the loss skips), HF's `label_pad_token_id`. */
  labelPadTokenId?: number;
  /** Pad to this length instead of the batch's longest row (at least the longest). */
  length?: number;
}

/**
 * Pads the label rows of one batch to the same length with -100, per batch (not to the
 * dataset's longest): the Trainer's token loss calls it on every batch.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { dataCollatorForTokenClassification } from "./collator.ts";
 * const labels = [[3, -100, 0], [1]];
 * assertEquals(dataCollatorForTokenClassification(labels), [[3, -100, 0], [1, -100, -100]]);
 * ```
 */
export function dataCollatorForTokenClassification(
  labels: readonly (readonly number[])[],
  { labelPadTokenId = IGNORE_INDEX, length }: TokenCollatorOptions = {},
): number[][] {
  if (!Array.isArray(labels) || labels.some((row) => !Array.isArray(row))) {
    throw new ArgumentError(
      "labels",
      labels,
      "is not an array of label rows",
      "give one array of label ids per sentence",
    );
  }
  const longest = Math.max(1, ...labels.map((row) => row.length));
  const width = length ?? longest;
  if (!Number.isInteger(width) || width < longest) {
    throw new ArgumentError(
      "length",
      length,
      `is shorter than the longest row (${longest} labels)`,
      `pass at least ${longest}, or leave it out`,
    );
  }
  return labels.map((row) => [
    ...row,
    ...new Array<number>(width - row.length).fill(labelPadTokenId),
  ]);
}
