// Public cases of the oversampling exercise: properties of the plan, not one particular order.
import { assert, assertEquals, AssertionError } from "../../lib/testing/assert.ts";
import { expectClose, expectThrows, expectValue } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "oversampling",
  title: "Sampler weights and seeded oversampling to the majority count",
  chapter: "Exercise 14.6.2 (second way), Section 16.6.5",
  forbid: { "lib/imbalance/samplers.ts": ["oversample", "weightedRandomSampler"] },
};

/** Checks a plan: every class as often as the largest, every example used, balanced repeats. */
export function balancedPlan(labels: number[]) {
  return expectValue((v) => {
    const plan = v as number[];
    const counts = new Map<number, number>();
    for (const y of labels) counts.set(y, (counts.get(y) ?? 0) + 1);
    const max = Math.max(...counts.values());
    assertEquals(plan.length, max * counts.size, "plan length = largest class × number of classes");
    const uses = new Array<number>(labels.length).fill(0);
    for (const i of plan) {
      if (!Number.isInteger(i) || i < 0 || i >= labels.length) {
        throw new AssertionError(`plan holds ${i}, not an index into labels`);
      }
      uses[i]++;
    }
    labels.forEach((y, i) => {
      const base = Math.floor(max / counts.get(y)!);
      assert(
        uses[i] === base || uses[i] === base + 1,
        `example ${i} (class ${y}) is used ${uses[i]} times, expected ${base} or ${base + 1}`,
      );
    });
    const sorted = [...plan].sort((a, b) => a - b);
    assert(plan.some((x, i) => x !== sorted[i]), "the plan is not shuffled");
  });
}

const labels = [0, 0, 0, 0, 1, 2, 2];

export const cases: Case[] = [
  {
    name: "sampleWeights: 1 / class count",
    points: 1,
    call: "sampleWeights",
    args: [[0, 0, 0, 1]],
    check: expectClose([1 / 3, 1 / 3, 1 / 3, 1]),
  },
  {
    name: "oversample balances three classes",
    points: 2,
    call: "oversample",
    args: [labels, 1],
    check: balancedPlan(labels),
  },
  {
    name: "empty labels is an error naming labels",
    points: 1,
    call: "oversample",
    args: [[], 0],
    check: expectThrows(/labels/),
  },
];
