// Hidden cases of the multi-task heads exercise.
import { heads, labels, tasks, X } from "../../../exercises/multitask_heads/public_cases.ts";
import { expectClose, expectEqual, expectThrows } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

export const cases: Case[] = [
  {
    name: "predict through the topic head",
    points: 1,
    call: "predict",
    args: [X, "topic", heads],
    check: expectEqual([1, 2, 0, 2, 1]),
  },
  {
    name: "task weights scale each task's mean",
    points: 2,
    call: "multiTaskLoss",
    args: [X, tasks, labels, heads, { topic: 0.5 }],
    check: expectClose({
      loss: 0.8690739396504725,
      perTask: { sentiment: 0.4808916352097464, topic: 0.7763646088814521 },
    }),
  },
  {
    name: "a batch of one task only: the other task is absent",
    points: 1,
    call: "multiTaskLoss",
    args: [X.slice(1, 4), tasks.slice(1, 4), labels.slice(1, 4), heads],
    check: expectClose({ loss: 0.7763646088814521, perTask: { topic: 0.7763646088814521 } }),
  },
  {
    name: "unknown task in a batch is an error naming it",
    points: 1,
    call: "multiTaskLoss",
    args: [[[1, 2, 3]], ["ner"], [0], heads],
    check: expectThrows(/ner/),
  },
];
