// Hidden cases of the sentence-pair encoding exercise: the kept lengths come from the kit's
// truncatedLengths, which follows the Rust tokenizers' longest_first (truncate_encodings in
// tokenizers/src/utils/truncation.rs).
import {
  fields,
  pairCase,
  premise,
} from "../../../exercises/sentence_pair_encoding/public_cases.ts";
import { truncatedLengths } from "../../../lib/encoders/transformers/truncate.ts";
import { expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

/** `n` made-up pieces (all [UNK]): truncation cases look at the tokens only. */
const pieces = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${i}`);

/** The tokens after longest_first truncation to `maxLength`, by the kit's rule. */
function truncated(a: string[], b: string[], maxLength: number): Case["check"] {
  const [keepA, keepB] = truncatedLengths(a.length, b.length, maxLength - 3);
  return fields({
    tokens: ["[CLS]", ...a.slice(0, keepA), "[SEP]", ...b.slice(0, keepB), "[SEP]"],
  });
}

const [a3, b20, a5, b5, a20, b2] = [
  pieces("a", 3),
  pieces("b", 20),
  pieces("a", 5),
  pieces("b", 5),
  pieces("a", 20),
  pieces("b", 2),
];

export const cases: Case[] = [
  pairCase(
    "the shorter segment fits in half the budget: only the longer is cut",
    1,
    a3,
    b20,
    truncated(a3, b20, 13),
    { maxLength: 13 },
  ),
  pairCase(
    "equal lengths, odd budget: the hypothesis keeps the extra token",
    1,
    a5,
    b5,
    truncated(a5, b5, 10),
    { maxLength: 10 },
  ),
  pairCase(
    "a long premise is cut, a short hypothesis kept whole",
    1,
    a20,
    b2,
    truncated(a20, b2, 8),
    { maxLength: 8 },
  ),
  pairCase(
    "padding to maxLength: [PAD] ids, token type 0, mask 0",
    2,
    ["a", "man", "is", "."],
    ["a", "musician", "."],
    fields({
      inputIds: [101, 1037, 2158, 2003, 1012, 102, 1037, 5455, 1012, 102, 0, 0],
      tokenTypeIds: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0],
      attentionMask: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0],
      tokens: [
        "[CLS]",
        "a",
        "man",
        "is",
        ".",
        "[SEP]",
        "a",
        "musician",
        ".",
        "[SEP]",
        "[PAD]",
        "[PAD]",
      ],
    }),
    { maxLength: 12, padding: "max_length" },
  ),
  pairCase(
    "an empty hypothesis: the final [SEP] still has type 1",
    1,
    premise,
    [],
    fields({ tokenTypeIds: [...Array(10).fill(0), 1] }),
  ),
  pairCase(
    "truncated to exactly the specials plus one token each",
    1,
    premise,
    premise,
    truncated(premise, premise, 5),
    { maxLength: 5 },
  ),
  {
    name: "maxLength 2 leaves no room for the specials: an error naming maxLength",
    points: 1,
    call: "encodePair",
    args: [["a"], ["b"], { "[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3 }, { maxLength: 2 }],
    check: expectThrows(/maxLength/),
  },
];
