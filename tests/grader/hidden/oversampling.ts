// Hidden cases of the oversampling exercise.
import { balancedPlan } from "../../../exercises/oversampling/public_cases.ts";
import { assertEquals } from "../../../lib/testing/assert.ts";
import { expectClose, expectValue } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const four = [3, 3, 1, 0, 3, 3, 3, 2, 2, 1, 3, 3, 3];
const two = [1, 0, 0, 0, 0, 0, 1];
const big = [...Array(100).fill(0), 1, 1, 1];

export const cases: Case[] = [
  {
    name: "four classes with remainders",
    points: 2,
    call: "oversample",
    args: [four, 5],
    check: balancedPlan(four),
  },
  { name: "two classes", points: 1, call: "oversample", args: [two, 2], check: balancedPlan(two) },
  {
    name: "already balanced: each example once",
    points: 1,
    call: "oversample",
    args: [[0, 1, 0, 1, 2, 2], 3],
    check: expectValue((v) => assertEquals([...(v as number[])].sort(), [0, 1, 2, 3, 4, 5])),
  },
  {
    name: "sampleWeights on unsorted class ids",
    points: 1,
    call: "sampleWeights",
    args: [[2, 0, 2, 2, 5]],
    check: expectClose([1 / 3, 1, 1 / 3, 1 / 3, 1]),
  },
  {
    name: "100 : 3 imbalance",
    points: 1,
    call: "oversample",
    args: [big, 9],
    check: balancedPlan(big),
  },
];
