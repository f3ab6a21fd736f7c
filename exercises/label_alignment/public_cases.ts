// Public cases of the label-alignment exercise (expected values: the kit's alignLabels).
import { alignLabels } from "../../lib/ner/align.ts";
import { expectClose, expectEqual, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "label_alignment",
  title: "BIO label list and word-to-subword label alignment",
  chapter: "Exercise 14.6.3, Section 16.6.3.2",
  forbid: { "lib/ner/align.ts": ["alignLabels"] },
};

const labelList = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
const words = [1, 0, 0, 5];
const ids = [null, 0, 1, 2, 3, 3, null];

export const cases: Case[] = [
  {
    name: "bioLabels for CoNLL-2003's four types",
    points: 1,
    call: "bioLabels",
    args: [["PER", "ORG", "LOC", "MISC"]],
    check: expectEqual(
      ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"],
    ),
  },
  {
    name: "first subword only: John lives in Wash ##ington",
    points: 2,
    call: "alignLabels",
    args: [words, ids],
    check: expectClose(alignLabels(words, ids)),
  },
  {
    name: "all subwords: ##ington gets I-LOC",
    points: 2,
    call: "alignLabels",
    args: [words, ids, { strategy: "all", labelList }],
    check: expectClose(alignLabels(words, ids, { strategy: "all", labelList })),
  },
  {
    name: "a word id past the last word is an error naming wordIds",
    points: 1,
    call: "alignLabels",
    args: [words, [null, 0, 4, null]],
    check: expectThrows(/wordIds/),
  },
];
