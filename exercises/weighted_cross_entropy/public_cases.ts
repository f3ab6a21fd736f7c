// Public cases of the weighted cross-entropy exercise (values agree with torch via lib/losses.ts).
import { expectClose, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "weighted_cross_entropy",
  title: "Class-weighted cross-entropy with PyTorch's weighted mean",
  chapter: "Exercise 14.6.2 (first way), Code Fragment 16.6.6a",
  forbid: { "lib/losses.ts": ["crossEntropyLoss"] },
};

const batch = [[1, 2, 0.5], [0.2, -1, 3], [2, 2, 2], [-1, 0.5, 0.1]];

export const cases: Case[] = [
  {
    name: "unweighted mean",
    points: 2,
    call: "crossEntropy",
    args: [batch, [2, 0, 1, 1]],
    check: expectClose(1.6443832303010488),
  },
  {
    name: "class weights: mean divides by the sum of the weights",
    points: 2,
    call: "crossEntropy",
    args: [[[2, 0], [0, 1]], [0, 1], { weight: [1, 3] }],
    check: expectClose(0.2666782683994103),
  },
  {
    name: "class weights, reduction none",
    points: 1,
    call: "crossEntropy",
    args: [batch, [2, 0, 1, 1], { weight: [0.2, 1, 5], reduction: "none" }],
    check: expectClose([
      9.821843920539726,
      0.5752302355299953,
      1.09861228866811,
      0.638400670778164,
    ]),
  },
  {
    name: "target out of range is an error naming targets",
    points: 1,
    call: "crossEntropy",
    args: [batch, [2, 0, 7, 1]],
    check: expectThrows(/targets/),
  },
];
