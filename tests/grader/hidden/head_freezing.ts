// Hidden cases of the head-and-freezing exercise; the kit's own head (lib/heads) is the oracle
// for head sizes.
import { featureBody } from "../../../lib/encoders/body.ts";
import { createClassifier } from "../../../lib/heads/model.ts";
import { bertBase } from "../../../exercises/head_freezing/public_cases.ts";
import { expectEqual } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

function kitHead(hiddenSize: number, numLabels: number, hiddenSizes: number[]): number {
  const labels = Array.from({ length: numLabels }, (_, i) => `L${i}`);
  const model = createClassifier(featureBody({ name: "oracle", hiddenSize }), {
    labels,
    hiddenSizes,
  });
  const n = model.parameterCounts().trainable;
  model.dispose();
  return n;
}

const head = { hiddenSize: 768, numLabels: 9, hiddenSizes: [512, 128] };
const mlp = 768 * 512 + 512 + 512 * 128 + 128 + 128 * 9 + 9;
const small = { embeddings: 2_048_000, layers: [100_000, 120_000, 140_000], pooler: 65_792 };
const sum = 2_048_000 + 360_000 + 65_792;

export const cases: Case[] = [
  {
    name: "two hidden layers agree with the kit's head",
    points: 2,
    call: "headParameters",
    args: [256, 5, [64, 32]],
    check: (o) => expectEqual(kitHead(256, 5, [64, 32]))(o),
  },
  {
    name: "linear head on USE-lite (512 → 4) agrees with the kit's head",
    points: 1,
    call: "headParameters",
    args: [512, 4],
    check: (o) => expectEqual(kitHead(512, 4, []))(o),
  },
  {
    name: "full fine-tuning: nothing frozen",
    points: 1,
    call: "parameterCounts",
    args: [bertBase, head, "none"],
    check: expectEqual({ trainable: 109_482_240 + mlp, frozen: 0, total: 109_482_240 + mlp }),
  },
  {
    name: "freeze embeddings + lowest 8 layers: pooler and head still train",
    points: 2,
    call: "parameterCounts",
    args: [bertBase, head, 8],
    check: expectEqual({
      trainable: 4 * 7_087_872 + 590_592 + mlp,
      frozen: 23_837_184 + 8 * 7_087_872,
      total: 109_482_240 + mlp,
    }),
  },
  {
    name: "layers of different sizes, freeze 2 (the bottom two)",
    points: 2,
    call: "parameterCounts",
    args: [small, { hiddenSize: 256, numLabels: 2 }, 2],
    check: expectEqual({
      trainable: 140_000 + 65_792 + 514,
      frozen: 2_048_000 + 220_000,
      total: sum + 514,
    }),
  },
  {
    name: "freeze 0 layers freezes the embeddings only",
    points: 1,
    call: "parameterCounts",
    args: [small, { hiddenSize: 256, numLabels: 2 }, 0],
    check: expectEqual({ trainable: sum + 514 - 2_048_000, frozen: 2_048_000, total: sum + 514 }),
  },
];
