// Hidden cases of the multi-label thresholds exercise: seeded synthetic sigmoid outputs (rare
// labels score low, probabilities on the 0.05 grid so that ties with the candidates happen);
// expected values from the kit's thresholds and scikit-learn-checked F-scores.
import { compareCheck, f1Check } from "../../../exercises/multilabel_thresholds/public_cases.ts";
import { applyThresholds, tuneThresholds } from "../../../lib/metrics/thresholds.ts";
import { Random } from "../../../lib/random.ts";
import { expectClose, expectEqual, expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

/** Label frequencies and how high a positive scores; the last label never occurs. */
const labels = [
  { rate: 0.5, hit: 0.7 },
  { rate: 0.3, hit: 0.55 },
  { rate: 0.15, hit: 0.4 },
  { rate: 0.1, hit: 0.3 },
  { rate: 0, hit: 0 },
];

function synthetic(n: number, seed: number): { probs: number[][]; targets: number[][] } {
  const rng = new Random(seed);
  const targets: number[][] = [];
  const probs: number[][] = [];
  for (let i = 0; i < n; i++) {
    const t = labels.map(({ rate }) => (rng.random() < rate ? 1 : 0));
    const p = labels.map(({ hit }, k) => {
      const centre = t[k] ? hit : 0.15;
      const v = centre + (rng.random() - 0.5) * 0.4;
      return Math.round(Math.min(0.95, Math.max(0.05, v)) * 20) / 20;
    });
    targets.push(t);
    probs.push(p);
  }
  return { probs, targets };
}

const val = synthetic(60, 7);
const test = synthetic(60, 8);
const grid = [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];
const noSupport = {
  targets: [[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 0]],
  preds: [[1, 0, 0], [0, 0, 0], [1, 1, 1], [0, 1, 0]],
};

export const cases: Case[] = [
  {
    name: "applyThresholds per label on the synthetic test set (ties are a yes)",
    points: 1,
    call: "applyThresholds",
    args: [test.probs, [0.5, 0.4, 0.3, 0.25, 0.5]],
    check: (o) => expectEqual(applyThresholds(test.probs, [0.5, 0.4, 0.3, 0.25, 0.5]))(o),
  },
  {
    name: "tuneThresholds, five labels, default candidates",
    points: 2,
    call: "tuneThresholds",
    args: [val.probs, val.targets],
    check: (o) => expectClose(tuneThresholds(val.probs, val.targets), { atol: 1e-12 })(o),
  },
  {
    name: "tuneThresholds on candidates that hit the scores exactly",
    points: 1,
    call: "tuneThresholds",
    args: [val.probs, val.targets, grid],
    check: (o) =>
      expectClose(tuneThresholds(val.probs, val.targets, { candidates: grid }), { atol: 1e-12 })(
        o,
      ),
  },
  {
    name: "a label without positives gets the candidate closest to 0.5",
    points: 1,
    call: "tuneThresholds",
    args: [[[0.9, 0.3], [0.2, 0.7]], [[1, 0], [0, 0]], [0.2, 0.4, 0.55, 0.8]],
    check: expectClose([0.55, 0.55], { atol: 1e-12 }),
  },
  {
    name: "macro F1 counts a label with no support (scikit-learn)",
    points: 1,
    call: "f1Scores",
    args: [noSupport.targets, noSupport.preds],
    check: f1Check(noSupport.targets, noSupport.preds, ["macro"]),
  },
  {
    name: "micro and per-label F1 with a label with no support",
    points: 1,
    call: "f1Scores",
    args: [noSupport.targets, noSupport.preds],
    check: f1Check(noSupport.targets, noSupport.preds, ["micro", "perLabel"]),
  },
  {
    name: "compareThresholds: tuned on validation, scored on test",
    points: 2,
    call: "compareThresholds",
    args: [val.probs, val.targets, test.probs, test.targets],
    check: compareCheck(val.probs, val.targets, test.probs, test.targets),
  },
  {
    name: "a target of 2 is an error naming targets",
    points: 1,
    call: "f1Scores",
    args: [[[1, 2]], [[1, 0]]],
    check: expectThrows(/targets/),
  },
];
