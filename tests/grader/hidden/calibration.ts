// Hidden cases of the calibration exercise (expected values: the kit's expectedCalibrationError).
import { expectedCalibrationError as ece } from "../../../lib/metrics/calibration.ts";
import { Random } from "../../../lib/random.ts";
import { expectClose, expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const rng = new Random(7);
const probs = Array.from({ length: 60 }, () => {
  const raw = [rng.random(), rng.random(), rng.random() * 3];
  const s = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / s);
});
const yTrue = probs.map(() => rng.randInt(3));
// Confidences exactly on bin edges (0.5, 0.75) go to the lower bin.
const edges = [[0.5, 0.5], [0.25, 0.75], [0.75, 0.25], [1, 0]];
const edgeTrue = [1, 1, 0, 0];

export const cases: Case[] = [
  {
    name: "60 random three-class rows, 10 bins",
    points: 2,
    call: "expectedCalibrationError",
    args: [yTrue, probs, 10],
    check: expectClose(ece(yTrue, probs, { nBins: 10, labels: [0, 1, 2] })),
  },
  {
    name: "60 random rows, 15 bins",
    points: 1,
    call: "expectedCalibrationError",
    args: [yTrue, probs, 15],
    check: expectClose(ece(yTrue, probs, { nBins: 15, labels: [0, 1, 2] })),
  },
  {
    name: "edges go to the lower bin; ties pick the first class",
    points: 2,
    call: "expectedCalibrationError",
    args: [edgeTrue, edges, 4],
    check: expectClose(ece(edgeTrue, edges, { nBins: 4, labels: [0, 1] })),
  },
  {
    name: "different lengths are an error",
    points: 1,
    call: "expectedCalibrationError",
    args: [[0, 1], [[1, 0]], 10],
    check: expectThrows(/length/),
  },
];
