// Public cases of the multi-task heads exercise.
import { expectClose, expectEqual, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "multitask_heads",
  title: "Multi-task heads: routing by task, per-task mean losses",
  chapter: "Exercise 14.6.4",
};

/** Two heads on a 3-d shared body: sentiment (3 labels) and topic (4 labels). */
export const heads = {
  sentiment: { weight: [[0.5, -1, 0.2], [0.1, 0.3, -0.4], [-0.7, 0.2, 0.9]], bias: [0.1, 0, -0.1] },
  topic: { weight: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.3, 0.3, 0.3]], bias: [0, 0.5, 0, -0.2] },
};
export const X = [[1, 2, 0], [0.5, -1, 2], [3, 0.1, -1], [0, 0, 1], [2, 2, 2]];
export const tasks = ["sentiment", "topic", "topic", "topic", "sentiment"];
export const labels = [1, 2, 0, 3, 2];

export const cases: Case[] = [
  {
    name: "predict routes through the sentiment head",
    points: 1,
    call: "predict",
    args: [X, "sentiment", heads],
    check: expectEqual([1, 0, 0, 2, 2]),
  },
  {
    name: "one task, one row (doc example)",
    points: 1,
    call: "multiTaskLoss",
    args: [[[2, 0]], ["a"], [0], { a: { weight: [[1, 0], [0, 1]], bias: [0, 0] } }],
    check: expectClose({ loss: 0.1269280110429727, perTask: { a: 0.1269280110429727 } }),
  },
  {
    name: "mixed batch: sum of per-task means",
    points: 2,
    call: "multiTaskLoss",
    args: [X, tasks, labels, heads],
    check: expectClose({
      loss: 1.2572562440911985,
      perTask: { sentiment: 0.4808916352097464, topic: 0.7763646088814521 },
    }),
  },
  {
    name: "unknown task is an error naming it",
    points: 1,
    call: "predict",
    args: [X, "emotion", heads],
    check: expectThrows(/emotion/),
  },
];
