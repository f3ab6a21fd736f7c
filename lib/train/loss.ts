/**
 * The Trainer's loss: `TrainingArguments.loss` and its options mapped onto the kit's losses for
 * one task, checked against the task's problem type.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type * as tf from "@tensorflow/tfjs";
import {
  bceWithLogitsLoss,
  crossEntropyLoss,
  focalLoss,
  mseLoss,
  sigmoidFocalLoss,
} from "../losses.ts";
import { computeClassWeights } from "../imbalance/class_weights.ts";
import type { TaskHead } from "../heads/model.ts";
import { dataCollatorForTokenClassification } from "./collator.ts";
import type { EncodedLabels } from "./data.ts";
import { IGNORE_INDEX } from "./data.ts";
import type { LossName, ResolvedTrainingArguments } from "./training_args.ts";

/** Mean loss of a batch from its logits and its labels (a slice of the encoded labels). */
export type LossFunction = (logits: tf.Tensor, labels: EncodedLabels) => tf.Scalar;

/**
 * Builds the loss of one task. Without `classWeights`, `"weighted_cross_entropy"` uses the
 * `"balanced"` weights of the training labels.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { makeLoss } from "./loss.ts";
 * import { resolveTrainingArguments } from "./training_args.ts";
 * const head = { numLabels: 2, problemType: "single_label_classification" as const };
 * const train = { kind: "single" as const, ids: [0, 0, 0, 1] };
 * const loss = makeLoss(head, resolveTrainingArguments({ loss: "weighted_cross_entropy" }), train);
 * const value = loss(tf.zeros([2, 2]), { kind: "single", ids: [0, 1] });
 * assert(Math.abs(value.dataSync()[0] - Math.LN2) < 1e-6);
 * ```
 */
export function makeLoss(
  head: Pick<TaskHead, "numLabels" | "problemType">,
  args: ResolvedTrainingArguments,
  train: EncodedLabels,
): LossFunction {
  const multi = head.problemType === "multi_label_classification";
  const regression = head.problemType === "regression";
  const name: LossName = args.loss ?? (multi ? "bce" : regression ? "mse" : "cross_entropy");
  if (regression !== (name === "mse")) {
    throw new ArgumentError(
      "loss",
      name,
      `does not fit ${head.problemType}` +
        (regression ? "" : `: "mse" is the loss of problemType "regression"`),
      regression ? 'use "mse"' : "use a classification loss",
    );
  }
  // HF: MSELoss()(logits.squeeze(), labels.squeeze()) when num_labels == 1
  if (regression) {
    return (logits, y) => mseLoss(logits, valuesOf(y).map((v) => [v])) as tf.Scalar;
  }
  const multiLoss = name === "bce" || name === "sigmoid_focal";
  if (multi !== multiLoss) {
    throw new ArgumentError(
      "loss",
      name,
      `does not fit ${head.problemType}`,
      "use " +
        (multi
          ? `"bce" or "sigmoid_focal"`
          : `"cross_entropy", "weighted_cross_entropy" or "focal"`),
    );
  }
  const classWeights = args.classWeights;
  if (classWeights !== undefined && classWeights.length !== head.numLabels) {
    throw new ArgumentError(
      "classWeights",
      classWeights,
      `has ${classWeights.length} values for ${head.numLabels} labels`,
      "give one weight per label",
    );
  }
  const { labelSmoothingFactor: labelSmoothing, focalGamma: gamma, focalAlpha } = args;
  switch (name) {
    case "bce":
      return (logits, y) =>
        bceWithLogitsLoss(logits, targetsOf(y), { posWeight: classWeights }) as tf.Scalar;
    case "sigmoid_focal": {
      if (Array.isArray(focalAlpha)) {
        throw new ArgumentError(
          "focalAlpha",
          focalAlpha,
          'loss "sigmoid_focal" takes one focalAlpha',
          "pass one number, e.g. 0.25",
        );
      }
      const alpha = focalAlpha ?? 0.25;
      return (logits, y) =>
        sigmoidFocalLoss(logits, targetsOf(y), { alpha, gamma, reduction: "mean" }) as tf.Scalar;
    }
    case "focal":
      return (logits, y) => focalLoss(logits, idsOf(y), { gamma, alpha: focalAlpha }) as tf.Scalar;
    case "weighted_cross_entropy": {
      const weight = classWeights ?? computeClassWeights(
        flatIds(train),
        "balanced",
        { numClasses: head.numLabels },
      );
      return (logits, y) =>
        crossEntropyLoss(logits, idsOf(y), { weight, labelSmoothing }) as tf.Scalar;
    }
    default:
      return (logits, y) =>
        crossEntropyLoss(logits, idsOf(y), { weight: classWeights, labelSmoothing }) as tf.Scalar;
  }
}

/** The error of labels encoded for another problem type than the loss's. */
function wrongKind(y: EncodedLabels, problem: string): ArgumentError {
  return new ArgumentError(
    "y.kind",
    y.kind,
    problem,
    "encode the labels for the head's problemType",
  );
}

function idsOf(y: EncodedLabels): number[] | number[][] {
  if (y.kind === "multi" || y.kind === "regression") {
    throw wrongKind(y, "a single-label loss needs class ids");
  }
  if (y.kind === "single") return y.ids;
  // Token rows are padded with -100 to the longest in the batch, as the body pads its output.
  return dataCollatorForTokenClassification(y.ids);
}

function valuesOf(y: EncodedLabels): number[] {
  if (y.kind !== "regression") {
    throw wrongKind(y, "a regression loss needs scores");
  }
  return y.values;
}

function targetsOf(y: EncodedLabels): number[][] {
  if (y.kind !== "multi") {
    throw wrongKind(y, "a multi-label loss needs 0/1 rows");
  }
  return y.targets;
}

function flatIds(y: EncodedLabels): number[] {
  if (y.kind === "single") return y.ids;
  if (y.kind === "token") return y.ids.flat().filter((i) => i !== IGNORE_INDEX);
  throw new ArgumentError(
    "y.kind",
    y.kind,
    "class weights need class ids",
    "leave out classWeights for this problemType",
  );
}
