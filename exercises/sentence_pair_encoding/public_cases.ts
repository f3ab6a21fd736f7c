// Public cases of the sentence-pair encoding exercise. Ids are bert-base-uncased's; the chapter's
// pair and the truncated pair were checked against the kit's TransformersTokenizer on the
// all-MiniLM-L6-v2 tokenizer (same vocabulary), which follows the Rust tokenizers.
import { assertEquals } from "../../lib/testing/assert.ts";
import { expectThrows, expectValue } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec, Json } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "sentence_pair_encoding",
  title: "Sentence-pair encoding: [CLS] a [SEP] b [SEP], token type ids, longest_first",
  chapter: "Section 16.6.4",
  forbid: { "lib/encoders/transformers/truncate.ts": ["truncatedLengths"] },
};

/** An excerpt of bert-base-uncased's vocabulary. */
export const vocab: Record<string, number> = {
  "[PAD]": 0,
  "[UNK]": 100,
  "[CLS]": 101,
  "[SEP]": 102,
  ".": 1012,
  "a": 1037,
  "the": 1996,
  "he": 2002,
  "is": 2003,
  "on": 2006,
  "were": 2020,
  "than": 2084,
  "man": 2158,
  "live": 2444,
  "plays": 3248,
  "playing": 2652,
  "stage": 2754,
  "guitar": 2858,
  "lower": 2896,
  "performing": 4488,
  "musician": 5455,
  "profits": 11372,
  "analyst": 12941,
  "quarterly": 12174,
  "exceeded": 14872,
  "earnings": 16565,
  "expectations": 10908,
  "significantly": 6022,
  "forecast": 19939,
};

/** The chapter's NLI pair (Code Fragment 16.6.5), as bert-base-uncased splits it. */
export const premise = ["a", "man", "is", "playing", "guitar", "on", "stage", "."];
export const hypothesis = ["a", "musician", "is", "performing", "live", "."];

/** Checks some fields of the encoding. */
export function fields(expected: Record<string, unknown>): Case["check"] {
  return expectValue((v) => {
    for (const [key, want] of Object.entries(expected)) {
      assertEquals((v as Record<string, unknown> | null)?.[key], want, key);
    }
  });
}

/** A case of `encodePair(a, b, vocab, options)`. */
export function pairCase(
  name: string,
  points: number,
  a: string[],
  b: string[],
  check: Case["check"],
  options: Json = {},
): Case {
  return { name, points, call: "encodePair", args: [a, b, vocab, options], check };
}

export const cases: Case[] = [
  pairCase(
    "the chapter's pair: tokens and input ids",
    1,
    premise,
    hypothesis,
    fields({
      tokens: ["[CLS]", ...premise, "[SEP]", ...hypothesis, "[SEP]"],
      inputIds: [
        101,
        1037,
        2158,
        2003,
        2652,
        2858,
        2006,
        2754,
        1012,
        102,
        1037,
        5455,
        2003,
        4488,
        2444,
        1012,
        102,
      ],
    }),
  ),
  pairCase(
    "the chapter's pair: 17 token type ids (0 × 10, 1 × 7), not 20",
    2,
    premise,
    hypothesis,
    fields({
      tokenTypeIds: [...Array(10).fill(0), ...Array(7).fill(1)],
      attentionMask: Array(17).fill(1),
    }),
  ),
  pairCase(
    "longest_first to maxLength 12: both segments cut, the specials kept",
    2,
    ["the", "quarterly", "earnings", "exceeded", "analyst", "expectations", "significantly", "."],
    ["profits", "were", "lower", "than", "forecast", "."],
    fields({
      tokens: [
        "[CLS]",
        "the",
        "quarterly",
        "earnings",
        "exceeded",
        "analyst",
        "[SEP]",
        "profits",
        "were",
        "lower",
        "than",
        "[SEP]",
      ],
    }),
    { maxLength: 12 },
  ),
  pairCase(
    "a piece missing from the vocabulary is [UNK]",
    1,
    ["a", "man", "is", "strumming"],
    ["he", "plays", "."],
    fields({ inputIds: [101, 1037, 2158, 2003, 100, 102, 2002, 3248, 1012, 102] }),
  ),
  {
    name: "too long with truncation false is an error naming maxLength",
    points: 1,
    call: "encodePair",
    args: [premise, hypothesis, vocab, { maxLength: 16, truncation: false }],
    check: expectThrows(/maxLength/),
  },
];
