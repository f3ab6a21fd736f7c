// Hidden cases of the class-weight exercise (oracle: the kit's computeClassWeights).
import { computeClassWeights } from "../../../lib/imbalance/class_weights.ts";
import { expectClose, expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const small = [0, 1, 1, 1, 2, 2, 0, 1, 1, 1, 1, 3];

export const cases: Case[] = [
  {
    name: "effective number, beta 0.99, mean 1",
    points: 2,
    call: "computeClassWeights",
    args: [small, "effective", { beta: 0.99 }],
    check: expectClose(computeClassWeights(small, "effective", { beta: 0.99 })),
  },
  {
    name: "effective number, default beta",
    points: 1,
    call: "computeClassWeights",
    args: [small, "effective"],
    check: expectClose(computeClassWeights(small, "effective")),
  },
  {
    name: "inverse on four classes",
    points: 2,
    call: "computeClassWeights",
    args: [small, "inverse"],
    check: expectClose(computeClassWeights(small, "inverse")),
  },
  {
    name: "numClasses larger than the labels seen is an error",
    points: 1,
    call: "computeClassWeights",
    args: [[0, 1, 1], "balanced", { numClasses: 3 }],
    check: expectThrows(/class 2/),
  },
  {
    name: "a negative label is an error naming labels",
    points: 1,
    call: "computeClassWeights",
    args: [[0, -1, 1], "balanced"],
    check: expectThrows(/labels/),
  },
];
