/**
 * Shows a tokenized sentence pair the way the chapter's NLI example prints it (Section 16.6.4):
 * the decoded sequence, `[CLS] premise [SEP] hypothesis [SEP]`, then its `token_type_ids`.
 * @module
 */
import { ArgumentError } from "../../errors.ts";
import type { Encoding } from "../types.ts";

/** Options of {@linkcode formatPair}. */
export interface FormatPairOptions {
  /** Show at most this many token type ids (the chapter prints `[:20]`; default 20). */
  limit?: number;
}

/**
 * The two lines the chapter prints for a pair: `Input: <decoded ids>` and
 * `Token type IDs: [0, 0, …, 1, 1]` (Python's list format).
 *
 * @param tokenizer anything with HF's `decode(ids)`, e.g. a `TransformersTokenizer`
 * @param encoding a pair's encoding (`tokenizePair(premise, hypothesis)`)
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TransformersTokenizer } from "./tokenizer.ts";
 * import { formatPair } from "./pair.ts";
 * const tok = await TransformersTokenizer.fromPretrained(
 *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
 * );
 * const pair = tok.tokenizePair("A man sings.", "He is here.");
 * assertEquals(
 *   formatPair(tok, pair),
 *   "Input: [CLS] a man sings. [SEP] he is here. [SEP]\n" +
 *     "Token type IDs: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]",
 * );
 * ```
 */
export function formatPair(
  tokenizer: { decode(ids: number[]): string },
  encoding: Encoding,
  options: FormatPairOptions = {},
): string {
  const { limit = 20 } = options;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new ArgumentError("options.limit", limit, "is not a non-negative integer", "use e.g. 20");
  }
  return `Input: ${tokenizer.decode(encoding.inputIds)}\n` +
    `Token type IDs: [${encoding.tokenTypeIds.slice(0, limit).join(", ")}]`;
}
