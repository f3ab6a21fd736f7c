/**
 * # Sentence-pair encoding (Section 16.6.4)
 *
 * For NLI the tokenizer joins premise and hypothesis into one sequence,
 * `[CLS] premise [SEP] hypothesis [SEP]`, and marks the segments with `token_type_ids`. Write
 * `encodePair(tokensA, tokensB, vocab, options)` on already (WordPiece-) tokenized segments:
 *
 * - `tokens`: `["[CLS]", ...a, "[SEP]", ...b, "[SEP]"]`.
 * - `inputIds`: `vocab[token]` for each token; a token missing from `vocab` gets
 *   `vocab["[UNK]"]`. (`vocab` always holds `[PAD]`, `[UNK]`, `[CLS]` and `[SEP]`.)
 * - `tokenTypeIds`: 0 for `[CLS]`, the premise and the first `[SEP]`; 1 for the hypothesis and
 *   the final `[SEP]`.
 * - `attentionMask`: 1 for every token (0 only for padding).
 * - `maxLength` (default: no limit) counts the three special tokens, which are never cut. When
 *   the pair is longer and `truncation` is true (the default), cut the ends of the segments
 *   `longest_first`, as Hugging Face's fast (Rust) tokenizers do: with a budget of
 *   `maxLength − 3` content tokens, if the shorter segment fits in half the budget it is kept
 *   whole and the longer one keeps the rest; otherwise the shorter keeps ⌊budget / 2⌋ and the
 *   longer ⌈budget / 2⌉ (on equal lengths the premise counts as the shorter). With
 *   `truncation: false` a pair that is too long is an error naming `maxLength`.
 * - `padding: "max_length"` appends `[PAD]` tokens up to `maxLength`, with token type id 0 and
 *   attention mask 0.
 * - `maxLength` below 3 (no room for the specials) is an error naming `maxLength`.
 *
 * Example (the chapter's NLI pair, bert-base-uncased pieces): premise
 * `["a", "man", "is", "playing", "guitar", "on", "stage", "."]`, hypothesis
 * `["a", "musician", "is", "performing", "live", "."]` → 17 tokens, `tokenTypeIds`
 * `[0 × 10, 1 × 7]`. The chapter prints `token_type_ids[0][:20]`, but the pair has only 17.
 *
 * Off limits: the kit's `truncatedLengths` (lib/encoders/transformers/truncate.ts) — the grader
 * replaces it with a function that throws. (The kit's tokenizers need model files and
 * environment access, which the sandbox does not grant.)
 *
 * Self-check: `deno test exercises/sentence_pair_encoding/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** Options of {@link encodePair}. */
export interface EncodePairOptions {
  /** Longest sequence, special tokens included (default: no limit). */
  maxLength?: number;
  /** Cut the longer segment first when too long (default true); false makes it an error. */
  truncation?: boolean;
  /** `"max_length"`: pad to `maxLength`; default no padding. */
  padding?: "max_length" | false;
}

/** A pair's encoding. */
export interface PairEncoding {
  /** Token ids. */
  inputIds: number[];
  /** 0 for `[CLS]`, premise and the first `[SEP]`; 1 for the hypothesis and the last `[SEP]`. */
  tokenTypeIds: number[];
  /** 1 for real tokens, 0 for padding. */
  attentionMask: number[];
  /** The tokens, specials and padding included. */
  tokens: string[];
}

/** `[CLS] a [SEP] b [SEP]` as ids, token type ids and attention mask. */
export function encodePair(
  _tokensA: string[],
  _tokensB: string[],
  _vocab: Record<string, number>,
  _options: EncodePairOptions = {},
): PairEncoding {
  throw new NotImplementedError("sentence_pair_encoding: encodePair");
}
