// Hidden cases of the entity-level F1 exercise (expected values: the kit's seqeval port).
import { f1Score } from "../../../lib/seqeval/scores.ts";
import { expectClose } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const yTrue = [
  ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "B-LOC"],
  ["O", "B-MISC", "I-MISC", "O", "B-PER"],
  ["B-LOC", "I-LOC", "I-LOC", "O"],
];
const yPred = [
  ["B-PER", "I-PER", "O", "B-ORG", "O", "O", "B-LOC"],
  ["O", "B-MISC", "I-MISC", "O", "B-LOC"],
  ["B-LOC", "I-LOC", "O", "O"],
];
const lenient = [["I-PER", "I-PER", "O"]];
const lenientPred = [["B-PER", "I-PER", "O"]];

export const cases: Case[] = [
  {
    name: "micro over three sentences with span and type errors",
    points: 2,
    call: "entityF1",
    args: [yTrue, yPred],
    check: expectClose(f1Score(yTrue, yPred)),
  },
  {
    name: "macro over types (a type only predicted counts too)",
    points: 2,
    call: "entityF1",
    args: [yTrue, yPred, "macro"],
    check: expectClose(f1Score(yTrue, yPred, { average: "macro" })),
  },
  {
    name: "lenient: I-PER I-PER is the same entity as B-PER I-PER",
    points: 1,
    call: "entityF1",
    args: [lenient, lenientPred],
    check: expectClose(f1Score(lenient, lenientPred)),
  },
  {
    name: "no entities anywhere: 0",
    points: 1,
    call: "entityF1",
    args: [[["O", "O"]], [["O", "O"]]],
    check: expectClose(0),
  },
];
