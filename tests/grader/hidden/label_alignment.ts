// Hidden cases of the label-alignment exercise (expected values: the kit's alignLabels).
import { alignLabels } from "../../../lib/ner/align.ts";
import { expectClose, expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const labelList = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
// [CLS] Angela Mer ##kel visited Deutsche Bu ##nde ##s ##bank [SEP] [PAD] [PAD]
const words = [1, 2, 0, 3, 4];
const ids = [null, 0, 1, 1, 2, 3, 4, 4, 4, 4, null, null, null];
// A pair input: two sentences, the second restarting word ids at 0.
const pairWords = [3, 4, 0];
const pairIds = [null, 0, 1, 1, 2, null, 0, 0, 1, null];

export const cases: Case[] = [
  {
    name: "multi-token words, padding, first strategy",
    points: 2,
    call: "alignLabels",
    args: [words, ids],
    check: expectClose(alignLabels(words, ids)),
  },
  {
    name: "multi-token words, all strategy (B- continues as I-)",
    points: 2,
    call: "alignLabels",
    args: [words, ids, { strategy: "all", labelList }],
    check: expectClose(alignLabels(words, ids, { strategy: "all", labelList })),
  },
  {
    name: "a word starting again after a special token is a new word",
    points: 1,
    call: "alignLabels",
    args: [pairWords, pairIds],
    check: expectClose(alignLabels(pairWords, pairIds)),
  },
  {
    name: "strategy all without labelList is an error naming labelList",
    points: 1,
    call: "alignLabels",
    args: [words, ids, { strategy: "all" }],
    check: expectThrows(/labelList/),
  },
];
