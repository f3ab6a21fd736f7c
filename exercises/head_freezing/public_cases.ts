// Public cases of the head-and-freezing exercise.
import { expectEqual, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "head_freezing",
  title: "Classification head size and trainable parameters per freezing choice",
  chapter: "Exercise 14.6.1, Section 16.6.1",
};

/** BERT-base's parameter counts by part (bert-base-uncased). */
export const bertBase = {
  embeddings: 23_837_184,
  layers: Array(12).fill(7_087_872),
  pooler: 590_592,
};

export const cases: Case[] = [
  {
    name: "linear head, 768 → 2",
    points: 1,
    call: "headParameters",
    args: [768, 2],
    check: expectEqual(1538),
  },
  {
    name: "MLP head, 768 → 256 → 3",
    points: 1,
    call: "headParameters",
    args: [768, 3, [256]],
    check: expectEqual(197_635),
  },
  {
    name: "BERT-base, frozen encoder: only the head trains",
    points: 2,
    call: "parameterCounts",
    args: [bertBase, { hiddenSize: 768, numLabels: 2 }, "encoder"],
    check: expectEqual({ trainable: 1538, frozen: 109_482_240, total: 109_483_778 }),
  },
  {
    name: "freeze 13 of 12 layers is an error naming freeze",
    points: 1,
    call: "parameterCounts",
    args: [bertBase, { hiddenSize: 768, numLabels: 2 }, 13],
    check: expectThrows(/freeze/),
  },
];
