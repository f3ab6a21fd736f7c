// Hidden cases of the evaluation exercise (expected values: the kit's scikit-learn-checked metrics).
import { fieldCases } from "../../../exercises/beyond_accuracy/public_cases.ts";
import { expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const yTrue = [0, 1, 2, 2, 1, 0, 3, 3, 3, 1, 2, 0, 0, 1, 2, 3, 3, 0];
const yPred = [0, 2, 2, 1, 1, 0, 3, 0, 3, 1, 2, 0, 1, 1, 0, 3, 2, 0];

export const cases: Case[] = [
  ...fieldCases(yTrue, yPred, 4, "four classes"),
  ...fieldCases([0, 0, 1, 1], [0, 0, 0, 1], 4, "two classes never occur"),
  {
    name: "a label outside the classes is an error",
    points: 1,
    call: "evaluate",
    args: [[0, 1, 5], [0, 1, 1], 3],
    check: expectThrows(/5/),
  },
];
