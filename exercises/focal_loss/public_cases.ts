// Public cases of the focal-loss exercise: the grader runs these (and hidden ones) in a sandbox.
import { expectClose, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "focal_loss",
  title: "Focal loss: −α_t (1 − p_t)^γ log p_t",
  chapter: "Exercise 14.6.2 (third way), Section 16.6.5",
  forbid: { "lib/losses.ts": ["focalLoss"] },
};

const batch = [[1, 2, 0.5], [0.2, -1, 3], [2, 2, 2]];

export const cases: Case[] = [
  {
    name: "gamma = 0 is cross-entropy",
    points: 2,
    call: "focalLoss",
    args: [[[2, 0], [0, 1]], [0, 1], { gamma: 0 }],
    check: expectClose(0.22009484928059775),
  },
  {
    name: "gamma = 2 down-weights easy rows (mean)",
    points: 2,
    call: "focalLoss",
    args: [[[2, 0], [0, 1]], [0, 1], { gamma: 2 }],
    check: expectClose(0.012230810171853854),
  },
  {
    name: "default gamma (2), three classes",
    points: 1,
    call: "focalLoss",
    args: [batch, [2, 0, 1]],
    check: expectClose(1.5004762193743444),
  },
  {
    name: "reduction none, gamma = 1",
    points: 1,
    call: "focalLoss",
    args: [batch, [2, 0, 1], { reduction: "none", gamma: 1 }],
    check: expectClose([1.6888770956700072, 2.714076515738842, 0.7324081924454068]),
  },
  {
    name: "negative gamma is an error naming gamma",
    points: 1,
    call: "focalLoss",
    args: [batch, [2, 0, 1], { gamma: -1 }],
    check: expectThrows(/gamma/),
  },
];
