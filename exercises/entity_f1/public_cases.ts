// Public cases of the entity-level F1 exercise (expected values: the kit's seqeval port).
import { f1Score } from "../../lib/seqeval/scores.ts";
import { expectClose, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "entity_f1",
  title: "Entity-level F1 (seqeval), micro and macro",
  chapter: "Section 16.6.3.3",
  forbid: {
    "lib/seqeval/scores.ts": [
      "entityCounts",
      "prfsFromCounts",
      "scoreCounts",
      "precisionRecallFscoreSupport",
      "f1Score",
      "precisionScore",
      "recallScore",
    ],
    "lib/metrics/prf.ts": ["prfFromCounts"],
    "lib/seqeval/report.ts": ["classificationReport"],
  },
};

const yTrue = [["B-PER", "I-PER", "O", "B-LOC"]];
const yPred = [["B-PER", "O", "O", "B-LOC"]];
const yTrue2 = [["B-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];
const yPred2 = [["B-MISC", "I-MISC", "O", "O"], ["B-PER", "I-PER", "O"]];

export const cases: Case[] = [
  {
    name: "a partly found entity counts as missed (doc example)",
    points: 2,
    call: "entityF1",
    args: [yTrue, yPred],
    check: expectClose(f1Score(yTrue, yPred)),
  },
  {
    name: "chapter-style example, two sentences",
    points: 2,
    call: "entityF1",
    args: [yTrue2, yPred2, "micro"],
    check: expectClose(f1Score(yTrue2, yPred2)),
  },
  {
    name: "sentences of different lengths are an error",
    points: 1,
    call: "entityF1",
    args: [[["O", "B-PER"]], [["O"]]],
    check: expectThrows(/length/),
  },
];
