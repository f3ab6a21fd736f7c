// Public cases of the calibration exercise (expected values: the kit's expectedCalibrationError,
// checked against a numpy version).
import { expectedCalibrationError as ece } from "../../lib/metrics/calibration.ts";
import { expectClose, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "calibration",
  title: "Expected calibration error (max-probability confidence, equal-width bins)",
  chapter: "Exercise 14.6.5",
  forbid: { "lib/metrics/calibration.ts": ["expectedCalibrationError", "calibrationCurve"] },
};

const probs = [[0.9, 0.1], [0.3, 0.7], [0.6, 0.4]];

export const cases: Case[] = [
  {
    name: "the doc example",
    points: 2,
    call: "expectedCalibrationError",
    args: [[0, 1, 1], probs, 10],
    check: expectClose(ece([0, 1, 1], probs, { nBins: 10 })),
  },
  {
    name: "two bins",
    points: 1,
    call: "expectedCalibrationError",
    args: [[0, 1, 0], probs, 2],
    check: expectClose(ece([0, 1, 0], probs, { nBins: 2, labels: [0, 1] })),
  },
  {
    name: "nBins 0 is an error naming nBins",
    points: 1,
    call: "expectedCalibrationError",
    args: [[0], [[1, 0]], 0],
    check: expectThrows(/nBins/),
  },
];
