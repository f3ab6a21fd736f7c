// Hidden cases of the weighted cross-entropy exercise (values agree with torch via lib/losses.ts).
import { expectClose } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const batch = [[1, 2, 0.5], [0.2, -1, 3], [2, 2, 2], [-1, 0.5, 0.1]];

export const cases: Case[] = [
  {
    name: "class weights, sum",
    points: 1,
    call: "crossEntropy",
    args: [batch, [2, 0, 1, 1], { weight: [0.2, 1, 5], reduction: "sum" }],
    check: expectClose(12.134087115515996),
  },
  {
    name: "class weights with ignored rows: weighted mean over the rest",
    points: 2,
    call: "crossEntropy",
    args: [batch, [2, -100, 1, 0], { weight: [0.5, 2, 1] }],
    check: expectClose(1.4945124848094993),
  },
  {
    name: "large logits, weighted mean",
    points: 2,
    call: "crossEntropy",
    args: [[[500, -500, 0], [0, 0, 900]], [1, 2], { weight: [1, 2, 3] }],
    check: expectClose(400),
  },
];
