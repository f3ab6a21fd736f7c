// Hidden cases of the focal-loss exercise (instructor only: `deno task release` leaves them out).
import { expectClose, expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const batch = [[1, 2, 0.5], [0.2, -1, 3], [2, 2, 2], [-1, 0.5, 0.1]];

export const cases: Case[] = [
  {
    name: "per-class alpha, sum",
    points: 2,
    call: "focalLoss",
    args: [batch, [2, 0, 1, 1], { alpha: [0.25, 0.5, 0.75], reduction: "sum" }],
    check: expectClose(2.0445076099872663),
  },
  {
    name: "ignoreIndex rows are skipped and not counted in the mean",
    points: 2,
    call: "focalLoss",
    args: [batch, [2, -100, 1, -100], { gamma: 2 }],
    check: expectClose(0.970146848720685),
  },
  {
    name: "large logits stay finite",
    points: 1,
    call: "focalLoss",
    args: [[[1000, -1000], [-1000, 1000], [0, 800]], [1, 1, 0], { gamma: 1, reduction: "none" }],
    check: expectClose([2000, 0, 800]),
  },
  {
    name: "gamma = 5 with class weights, mean",
    points: 2,
    call: "focalLoss",
    args: [batch, [0, 0, 2, 1], { gamma: 5, alpha: [1, 2, 3] }],
    check: expectClose(0.7523065550293274),
  },
  {
    name: "target out of range is an error naming targets",
    points: 1,
    call: "focalLoss",
    args: [batch, [0, 3, 1, 1]],
    check: expectThrows(/targets/),
  },
];
