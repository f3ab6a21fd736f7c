// Public cases of the class-weight exercise; expected values from the kit's scikit-learn-checked
// computeClassWeights.
import { computeClassWeights } from "../../lib/imbalance/class_weights.ts";
import { expectClose, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "class_weights",
  title: "Class weights: balanced, sqrt_inverse, effective number",
  chapter: "Exercise 14.6.2 (first way), Section 16.6.5",
  forbid: { "lib/imbalance/class_weights.ts": ["computeClassWeights"] },
};

const chapter = [...Array(9000).fill(0), ...Array(800).fill(1), ...Array(200).fill(2)];

export const cases: Case[] = [
  {
    name: "balanced on the chapter's 9000/800/200",
    points: 2,
    call: "computeClassWeights",
    args: [chapter, "balanced"],
    check: expectClose(computeClassWeights(chapter, "balanced")),
  },
  {
    name: "sqrt_inverse on the chapter's 9000/800/200",
    points: 2,
    call: "computeClassWeights",
    args: [chapter, "sqrt_inverse"],
    check: expectClose(computeClassWeights(chapter, "sqrt_inverse")),
  },
  {
    name: "a class without examples is an error",
    points: 1,
    call: "computeClassWeights",
    args: [[0, 0, 2], "inverse"],
    check: expectThrows(/class 1/),
  },
];
