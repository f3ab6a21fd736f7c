// Hidden cases of the SetFit pair-generation exercise (the kit's lib/setfit/pairs.ts gives the
// expected pairs and counts).
import { epochOf, pairCase, pairsOf } from "../../../exercises/setfit_pairs/public_cases.ts";
import { expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

/** SetFit's documented example: 8 "happy", 4 "content", 8 "sad" (62 positive, 128 negative). */
const docs = [...Array(8).fill("happy"), ...Array(4).fill("content"), ...Array(8).fill("sad")];
/** Unsorted string labels of uneven classes. */
const mixed = ["b", "a", "b", "c", "a", "c", "c", "b", "c", "c"];
/** Five classes, sizes 2 to 4, as numbers out of order. */
const five = [4, 0, 1, 4, 2, 3, 0, 1, 2, 3, 4, 2, 3, 3];

export const cases: Case[] = [
  pairCase(
    "SetFit docs' 8/4/8 example: the 62 positives",
    1,
    "uniquePairs",
    docs,
    pairsOf(docs, "positive"),
  ),
  pairCase(
    "SetFit docs' 8/4/8 example: the 128 negatives",
    1,
    "uniquePairs",
    docs,
    pairsOf(docs, "negative"),
  ),
  pairCase(
    "unsorted string labels: oversampling (the default)",
    2,
    "generatePairs",
    mixed,
    epochOf(mixed, {}),
    {},
  ),
  pairCase(
    "undersampling: min(P, Q) of each kind, no pair twice",
    1,
    "generatePairs",
    docs,
    epochOf(docs, { strategy: "undersampling" }),
    { strategy: "undersampling" },
  ),
  pairCase(
    "unique: every pair once",
    1,
    "generatePairs",
    mixed,
    epochOf(mixed, { strategy: "unique" }),
    { strategy: "unique" },
  ),
  pairCase(
    "numIterations 3 on five uneven classes overrides the strategy",
    1,
    "generatePairs",
    five,
    epochOf(five, { numIterations: 3, strategy: "unique" }),
    { numIterations: 3, strategy: "unique" },
  ),
  {
    name: "numIterations 0 is an error naming numIterations",
    points: 1,
    call: "generatePairs",
    args: [docs, { numIterations: 0 }],
    check: expectThrows(/numIterations/),
  },
  {
    name: "a single class is an error naming labels",
    points: 1,
    call: "uniquePairs",
    args: [["x", "x", "x"]],
    check: expectThrows(/labels/),
  },
];
